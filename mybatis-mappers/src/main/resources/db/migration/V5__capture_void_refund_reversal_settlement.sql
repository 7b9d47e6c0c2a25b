-- Capture beyond purchase (docs/protocol.md): voids, refunds, reversals, settlement and batch upload, and the
-- stored answers that let a byte-identical retransmission get the same response back.
-- Same SQL subset as V1: MySQL 8, MariaDB 10.11 and H2 (MODE=MySQL); one ALTER per column for H2.

-- A void, refund or reversal points at the row it acts on (NULL for an orphan reversal: the host never saw
-- the original). A reversal keeps the terminal's reason (98 timeout, 06, A0). refunded_amount is kept on the
-- original, raised in the same statement that checks it, so concurrent refunds can never exceed the original.
ALTER TABLE captured_transaction ADD COLUMN original_id BIGINT NULL;
ALTER TABLE captured_transaction ADD COLUMN reason_code CHAR(2) NULL;
ALTER TABLE captured_transaction ADD COLUMN refunded_amount BIGINT NOT NULL DEFAULT 0;
-- SHA-256 over the request as MACed, keyed by the card's keyed hash where there is a card (so the hash is no way
-- back to the PAN), and the fields the host added to its answer: enough to answer a retransmission again.
ALTER TABLE captured_transaction ADD COLUMN request_hash CHAR(64) NULL;
ALTER TABLE captured_transaction ADD COLUMN response_fields VARCHAR(400) NULL;

-- A settlement (0500): the terminal's totals as it sent them in field 48 and the host's for the same batch, with
-- the result digit the host answered (1 balanced, 2 unbalanced). Amounts in fen. Foreign-card totals are kept
-- as the terminal sent them; the host counts every card as domestic.
CREATE TABLE settlement (
    id                            BIGINT       NOT NULL AUTO_INCREMENT,
    tid                           CHAR(8)      NOT NULL,
    mid                           VARCHAR(15)  NOT NULL,
    batch                         CHAR(6)      NOT NULL,
    trace                         CHAR(6)      NOT NULL,
    terminal_debit_amount         BIGINT       NOT NULL,
    terminal_debit_count          INT          NOT NULL,
    terminal_credit_amount        BIGINT       NOT NULL,
    terminal_credit_count         INT          NOT NULL,
    terminal_foreign_debit_amount BIGINT       NOT NULL,
    terminal_foreign_debit_count  INT          NOT NULL,
    terminal_foreign_credit_amount BIGINT      NOT NULL,
    terminal_foreign_credit_count INT          NOT NULL,
    host_debit_amount             BIGINT       NOT NULL,
    host_debit_count              INT          NOT NULL,
    host_credit_amount            BIGINT       NOT NULL,
    host_credit_count             INT          NOT NULL,
    domestic_result               INT          NOT NULL,
    foreign_result                INT          NOT NULL,
    request_hash                  CHAR(64)     NOT NULL,
    response_fields               VARCHAR(400) NOT NULL,
    settled_at                    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    -- a retransmitted settlement must not be recorded twice
    CONSTRAINT uk_settlement_tid_batch_trace UNIQUE (tid, batch, trace)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One transaction as the terminal uploaded it after an unbalanced settlement (0320, 60.3 = 201); the card only
-- as first 6 / last 4 and the keyed hash. type_code is the transaction's 60.1 (22 purchase, 23 void, 25 refund).
CREATE TABLE batch_upload_item (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    tid         CHAR(8)     NOT NULL,
    batch       CHAR(6)     NOT NULL,
    trace       CHAR(6)     NOT NULL,
    type_code   CHAR(2)     NOT NULL,
    amount      BIGINT      NOT NULL,
    pan_first6  CHAR(6)     NULL,
    pan_last4   CHAR(4)     NULL,
    pan_hash    CHAR(64)    NULL,
    uploaded_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- a retransmitted upload message adds nothing
    CONSTRAINT uk_batch_upload_item UNIQUE (tid, batch, trace, type_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- What the end of a batch upload found: a transaction uploaded but missing at the host, captured at the host but
-- not uploaded, or present in both with different amounts. Recomputed (replaced) by each end-of-upload message.
CREATE TABLE batch_discrepancy (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    tid             CHAR(8)     NOT NULL,
    batch           CHAR(6)     NOT NULL,
    trace           CHAR(6)     NOT NULL,
    kind            VARCHAR(24) NOT NULL,
    reason          VARCHAR(24) NOT NULL,
    host_amount     BIGINT      NULL,
    terminal_amount BIGINT      NULL,
    found_at        DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_batch_discrepancy UNIQUE (tid, batch, trace, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
