-- The activation paperwork (DOMAIN.md, the terminal's life, steps 4-5): applications to activate, change or revoke a
-- terminal, the merchant's ID card images, the one-terminal-per-person rule, and the batches sent to the platform.
-- Same SQL subset as V1: MySQL 8, MariaDB 10.11 and H2 (MODE=MySQL).
--
-- The merchant's national ID number is never stored: only a keyed hash (SecurityModule.idNumberHash) to match it and
-- a masked form (first 3 + last 4) to show.
CREATE TABLE activation_application (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    kind                VARCHAR(12)  NOT NULL,
    state               VARCHAR(24)  NOT NULL,
    serial_number       VARCHAR(32)  NOT NULL,
    mid                 VARCHAR(15)  NOT NULL,
    merchant_name       VARCHAR(100) NOT NULL,
    province            CHAR(2)      NOT NULL,
    region              VARCHAR(12)  NOT NULL,
    address             VARCHAR(200) NOT NULL,
    contact_phone       VARCHAR(20)  NOT NULL,
    id_hash             CHAR(64)     NOT NULL,
    id_masked           CHAR(18)     NOT NULL,
    created_at          DATETIME(6)  NOT NULL,
    submitted_by        VARCHAR(64)  NOT NULL,
    -- the last (re)submission: the 1-2 working-day target runs from here
    submitted_at        DATETIME(6)  NOT NULL,
    assignee            VARCHAR(64)  NULL,
    reviewed_by         VARCHAR(64)  NULL,
    reviewed_at         DATETIME(6)  NULL,
    rejection_reason    VARCHAR(200) NULL,
    batch_id            BIGINT       NULL,
    platform_result     VARCHAR(8)   NULL,
    platform_reason     VARCHAR(200) NULL,
    platform_by         VARCHAR(64)  NULL,
    platform_at         DATETIME(6)  NULL,
    called_back_by      VARCHAR(64)  NULL,
    called_back_at      DATETIME(6)  NULL,
    call_back_notes     VARCHAR(500) NULL,
    closed_by           VARCHAR(64)  NULL,
    closed_at           DATETIME(6)  NULL,
    withdrawal_reason   VARCHAR(200) NULL,
    updated_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_activation_application_state_region ON activation_application (state, region, submitted_at);
CREATE INDEX ix_activation_application_serial_number ON activation_application (serial_number, id);
CREATE INDEX ix_activation_application_batch ON activation_application (batch_id, id);

-- Both sides of the ID card, as uploaded (JPEG or PNG, checked by their first bytes), in the database rather than on
-- disk: written in the same transaction as the application (nothing half stored), seen by every console node, and
-- backed up with the rows that point to them. Kept apart so that listing applications never reads them.
CREATE TABLE application_document (
    application_id BIGINT      NOT NULL,
    side           VARCHAR(5)  NOT NULL,
    content_type   VARCHAR(16) NOT NULL,
    content        MEDIUMBLOB  NOT NULL,
    uploaded_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (application_id, side)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One terminal per person: the terminal an ID number (by its keyed hash) holds, from its activation application's
-- submission until the platform refuses it, the application is withdrawn, or the terminal is revoked. The primary
-- key is what refuses a second terminal, also to two submissions racing each other.
CREATE TABLE id_number_holder (
    id_hash        CHAR(64)    NOT NULL,
    serial_number  VARCHAR(32) NOT NULL,
    application_id BIGINT      NOT NULL,
    since          DATETIME(6) NOT NULL,
    PRIMARY KEY (id_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_id_number_holder_serial_number ON id_number_holder (serial_number);

-- One row every submission locks first: submissions are typed by people, a few a minute, so serialising them costs
-- nothing, and unlike gap locks on id_number_holder it cannot deadlock two racing submissions.
CREATE TABLE application_lock (
    name VARCHAR(32) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO application_lock (name) VALUES ('submission');

-- Applications sent to the payment platform together, with the exact file that was sent.
CREATE TABLE application_batch (
    id                BIGINT      NOT NULL AUTO_INCREMENT,
    created_by        VARCHAR(64) NOT NULL,
    created_at        DATETIME(6) NOT NULL,
    application_count INT         NOT NULL,
    content           MEDIUMBLOB  NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
