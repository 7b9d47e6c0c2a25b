-- The warehouse's part of a terminal's life (docs/inventory.md): the manufacturer's manifest, inspection, the
-- return-to-factory list, the terminal list's search, and the history of every state change.
-- Same SQL subset as V1: MySQL 8, MariaDB 10.11 and H2 (MODE=MySQL); one ALTER per column for H2.

-- Inspection after stock-in: NULL until inspected, then PASSED or FAILED. A failed unit becomes DEFECTIVE (on the
-- return-to-factory list, with the reason here) and SENT_TO_FACTORY once it has gone back.
ALTER TABLE terminal ADD COLUMN inspection VARCHAR(8) NULL;
ALTER TABLE terminal ADD COLUMN inspected_at DATETIME(6) NULL;
ALTER TABLE terminal ADD COLUMN defect_reason VARCHAR(200) NULL;
-- The service provider (prefecture or county level) the unit was shipped to; NULL while it is at the warehouse.
-- Nothing sets it yet: shipping does, when it exists.
ALTER TABLE terminal ADD COLUMN service_provider VARCHAR(64) NULL;

-- The terminal list pages by serial number (keyset: serial_number > the last one shown), so each filter has an
-- index that ends in serial_number: the filter's rows come out of it already in order, and a page reads only its
-- own rows. TID and serial number have their unique keys (V1).
CREATE INDEX ix_terminal_state_serial ON terminal (state, serial_number);
CREATE INDEX ix_terminal_mid_serial ON terminal (mid, serial_number);
CREATE INDEX ix_terminal_model_serial ON terminal (model, serial_number);
CREATE INDEX ix_terminal_provider_serial ON terminal (service_provider, serial_number);
-- the units waiting for inspection (inspection IS NULL, state IN_STOCK), in serial order
CREATE INDEX ix_terminal_inspection_serial ON terminal (inspection, state, serial_number);
-- a manifest's PSAM numbers and ICCIDs are checked against the store in sets of a thousand; not unique keys,
-- because rows stored before this check may already repeat them
CREATE INDEX ix_terminal_psam_number ON terminal (psam_number);
CREATE INDEX ix_terminal_sim_iccid ON terminal (sim_iccid);

-- Every change of a terminal's state, and the technician actions that leave the state as it was but matter to
-- its life (an activation code issued, the activation lock lifted): from_state = to_state for those. Append-only.
CREATE TABLE terminal_state_history (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    terminal_id BIGINT       NOT NULL,
    from_state  VARCHAR(16)  NULL,
    to_state    VARCHAR(16)  NOT NULL,
    event       VARCHAR(32)  NOT NULL,
    detail      VARCHAR(200) NULL,
    actor       VARCHAR(64)  NOT NULL,
    changed_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_terminal_state_history_terminal FOREIGN KEY (terminal_id) REFERENCES terminal (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_terminal_state_history_terminal ON terminal_state_history (terminal_id, id);
