-- Activation over the air (docs/protocol.md), the host's signing keys, and the audit log.
-- Same SQL subset as V1: MySQL 8, MariaDB 10.11 and H2 (MODE=MySQL); one ALTER per column for H2.

-- The device's own public key (DER SubjectPublicKeyInfo, hex), learnt at activation and used to send it
-- later TMKs; failed activation tries and the lock they lead to; why a terminal was revoked.
ALTER TABLE terminal ADD COLUMN device_key_algorithm VARCHAR(8) NULL;
ALTER TABLE terminal ADD COLUMN device_public_key VARCHAR(1200) NULL;
ALTER TABLE terminal ADD COLUMN failed_activations INT NOT NULL DEFAULT 0;
ALTER TABLE terminal ADD COLUMN activation_locked_at DATETIME(6) NULL;
ALTER TABLE terminal ADD COLUMN revoked_reason VARCHAR(200) NULL;

-- The working keys of the terminal's last sign-in, wrapped under the LMK. Terminals that dial a new connection
-- per transaction (common on GPRS) use them on any connection, to any gateway node, until they sign in again.
ALTER TABLE terminal ADD COLUMN pik_wrapped VARCHAR(200) NULL;
ALTER TABLE terminal ADD COLUMN mak_wrapped VARCHAR(200) NULL;
ALTER TABLE terminal ADD COLUMN tdk_wrapped VARCHAR(200) NULL;
ALTER TABLE terminal ADD COLUMN signed_in_at DATETIME(6) NULL;

CREATE INDEX ix_terminal_state_updated_at ON terminal (state, updated_at);

-- A single-use code bound to one serial number and merchant. Only a keyed hash of the code is kept: the
-- code is shown once, to the technician who issued it.
CREATE TABLE activation_code (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    serial_number VARCHAR(32) NOT NULL,
    mid           VARCHAR(15) NOT NULL,
    code_hash     CHAR(64)    NOT NULL,
    issued_by     VARCHAR(64) NOT NULL,
    issued_at     DATETIME(6) NOT NULL,
    expires_at    DATETIME(6) NOT NULL,
    used_at       DATETIME(6) NULL,
    withdrawn_at  DATETIME(6) NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_activation_code_serial_number ON activation_code (serial_number, id);

-- The host's key pairs (signing the activation answers): the private key wrapped under the LMK.
CREATE TABLE host_key (
    name                VARCHAR(32)   NOT NULL,
    algorithm           VARCHAR(16)   NOT NULL,
    private_key_wrapped VARCHAR(8000) NOT NULL,
    public_key          VARCHAR(1200) NOT NULL,
    created_at          DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Append-only: the application has an insert and queries, never an update or a delete.
CREATE TABLE audit_log (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    recorded_at    DATETIME(6)   NOT NULL,
    actor          VARCHAR(64)   NOT NULL,
    action         VARCHAR(48)   NOT NULL,
    subject        VARCHAR(64)   NULL,
    source_address VARCHAR(64)   NULL,
    outcome        VARCHAR(16)   NOT NULL,
    detail         VARCHAR(500)  NULL,
    before_state   VARCHAR(1000) NULL,
    after_state    VARCHAR(1000) NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_audit_log_recorded_at ON audit_log (recorded_at);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, recorded_at);
