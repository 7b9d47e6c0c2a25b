-- A gateway that dies between reserving a capture (PENDING) and recording its decision leaves the row PENDING;
-- every node looks for such rows now and then (status PENDING, reserved long ago) and flags them REVIEW. This index
-- keeps that look, and the console's list of rows by status, from reading the whole table. Same SQL subset as V1.
CREATE INDEX ix_captured_transaction_status_host_time ON captured_transaction (status, host_time);
