-- The key ceremony's bookkeeping. Same SQL subset as V1: MySQL 8, MariaDB 10.11 and H2 (MODE=MySQL).

-- The installation's own keys, wrapped under the LMK like every key at rest. 'hashing' is the key from which the
-- PAN and activation-code hashes are derived: kept apart from the LMK so that an LMK rotation (which re-wraps it)
-- leaves every stored hash valid.
CREATE TABLE installation_key (
    name        VARCHAR(32)  NOT NULL,
    key_wrapped VARCHAR(200) NOT NULL,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- An LMK rotation that has started and not finished: at most one row. While it exists, some keys are under the
-- old LMK and some under the new one, so the server refuses to start until `lmk rotate` has finished the job.
CREATE TABLE lmk_rotation (
    id                  INT         NOT NULL,
    old_lmk_check_value CHAR(6)     NOT NULL,
    new_lmk_check_value CHAR(6)     NOT NULL,
    started_at          DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_lmk_rotation_single_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
