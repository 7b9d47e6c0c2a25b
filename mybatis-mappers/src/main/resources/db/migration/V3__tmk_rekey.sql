-- Re-keying over the air (docs/protocol.md, "Re-key"): a technician orders a new TMK; it waits here,
-- wrapped under the LMK, until the terminal confirms it has installed it, and only then replaces tmk_wrapped.
-- Until that moment the old TMK stays in force, so a terminal that never fetches the new key keeps working.
ALTER TABLE terminal ADD COLUMN pending_tmk_wrapped VARCHAR(200) NULL;
ALTER TABLE terminal ADD COLUMN pending_tmk_check_value CHAR(8) NULL;
ALTER TABLE terminal ADD COLUMN rekey_ordered_at DATETIME(6) NULL;
ALTER TABLE terminal ADD COLUMN pending_tmk_sent_at DATETIME(6) NULL;
