-- Written once in the subset that MySQL 8, MariaDB 10.11 and H2 (MODE=MySQL) all run (STACK.md trap 4).
-- Every timestamp is a UTC wall-clock DATETIME(6): sessions run in UTC (see StoreConfig), so the
-- CURRENT_TIMESTAMP(6) defaults are UTC too.

CREATE TABLE merchant (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    mid        VARCHAR(15)  NOT NULL,
    name       VARCHAR(100) NOT NULL,
    created_at DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    CONSTRAINT uk_merchant_mid UNIQUE (mid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE terminal (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    serial_number   VARCHAR(32)  NOT NULL,
    psam_number     VARCHAR(32)  NULL,
    sim_iccid       VARCHAR(22)  NULL,
    model           VARCHAR(32)  NULL,
    -- NULL until the terminal is assigned; a unique key still admits many NULLs on all three engines
    tid             CHAR(8)      NULL,
    mid             VARCHAR(15)  NULL,
    state           VARCHAR(16)  NOT NULL,
    -- the TMK wrapped under the LMK, never in clear
    tmk_wrapped     VARCHAR(200) NULL,
    tmk_check_value CHAR(8)      NULL,
    current_batch   CHAR(6)      NOT NULL DEFAULT '000001',
    last_seen       DATETIME(6)  NULL,
    created_at      DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at      DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    CONSTRAINT uk_terminal_serial_number UNIQUE (serial_number),
    CONSTRAINT uk_terminal_tid UNIQUE (tid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The card is kept only as first 6 + last 4 and a keyed hash: never a full PAN, track data, CVV or PIN block.
CREATE TABLE captured_transaction (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    tid             CHAR(8)     NOT NULL,
    mid             VARCHAR(15) NOT NULL,
    batch           CHAR(6)     NOT NULL,
    trace           CHAR(6)     NOT NULL,
    rrn             CHAR(12)    NULL,
    auth_code       VARCHAR(6)  NULL,
    mti             CHAR(4)     NOT NULL,
    processing_code CHAR(6)     NULL,
    kind            VARCHAR(24) NOT NULL,
    amount          BIGINT      NOT NULL,
    currency        CHAR(3)     NOT NULL,
    pan_first6      CHAR(6)     NULL,
    pan_last4       CHAR(4)     NULL,
    pan_hash        CHAR(64)    NULL,
    entry_mode      CHAR(3)     NULL,
    response_code   CHAR(2)     NULL,
    status          VARCHAR(16) NOT NULL,
    terminal_date   CHAR(4)     NULL,
    terminal_time   CHAR(6)     NULL,
    host_time       DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- a terminal retrying the same message must not be captured twice
    CONSTRAINT uk_captured_transaction_tid_batch_trace_kind UNIQUE (tid, batch, trace, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_captured_transaction_host_time ON captured_transaction (host_time);
CREATE INDEX ix_captured_transaction_tid_host_time ON captured_transaction (tid, host_time);

-- Numbers (RRNs, ...) are reserved here in blocks so that gateway nodes sharing the database never collide.
CREATE TABLE number_block (
    name       VARCHAR(32) NOT NULL,
    next_value BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
