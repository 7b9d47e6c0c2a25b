-- Reversals owed to the upstream payment platform: an authorisation whose answer never came (timeout, a connection
-- lost mid-answer, an answer whose MAC did not verify) may have been approved upstream, so a reversal is stored
-- here in the same breath as the terminal is told 98, and retried with back-off until the platform acknowledges
-- it, across restarts and on whichever gateway node gets to it first. Same SQL subset as V1.
--
-- No card number: the platform matches a reversal to its original by TID + STAN + RRN, as it matches answers.
CREATE TABLE upstream_reversal (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    tid             CHAR(8)     NOT NULL,
    mid             VARCHAR(15) NOT NULL,
    stan            CHAR(6)     NOT NULL,
    rrn             CHAR(12)    NOT NULL,
    processing_code CHAR(6)     NOT NULL,
    amount          BIGINT      NOT NULL,
    currency        CHAR(3)     NOT NULL,
    reason          CHAR(2)     NOT NULL,
    attempts        INT         NOT NULL,
    next_attempt_at DATETIME(6) NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    acknowledged_at DATETIME(6) NULL,
    last_response   CHAR(2)     NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_upstream_reversal_tid_stan_rrn UNIQUE (tid, stan, rrn)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_upstream_reversal_due ON upstream_reversal (acknowledged_at, next_attempt_at);

-- The zone keys shared with the payment platform (ZPK for PINs, ZAK for MACs), wrapped under the LMK like every key
-- at rest and re-wrapped by an LMK rotation. Formed from the custodians' components by `tms platform zone-key`.
CREATE TABLE zone_key (
    name        VARCHAR(32)  NOT NULL,
    key_wrapped VARCHAR(200) NOT NULL,
    check_value CHAR(8)      NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
