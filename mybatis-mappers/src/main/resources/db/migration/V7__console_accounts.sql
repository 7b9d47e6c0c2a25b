-- The console's own accounts, their roles and API tokens (docs/console.md).
-- Same SQL subset as V1: MySQL 8, MariaDB 10.11 and H2 (MODE=MySQL).

-- password_hash is a PHC string ($argon2id$v=19$m=..,t=..,p=..$salt$hash): parameters and salt travel with the
-- hash, so the cost can be raised later and old hashes still verify.
CREATE TABLE console_account (
    id                   BIGINT       NOT NULL AUTO_INCREMENT,
    name                 VARCHAR(64)  NOT NULL,
    password_hash        VARCHAR(200) NOT NULL,
    must_change_password BOOLEAN      NOT NULL DEFAULT TRUE,
    disabled             BOOLEAN      NOT NULL DEFAULT FALSE,
    -- wrong passwords since the last success or the last lock; five lock the account until locked_until
    failed_logins        INT          NOT NULL DEFAULT 0,
    locked_until         DATETIME(6)  NULL,
    created_at           DATETIME(6)  NOT NULL,
    created_by           VARCHAR(64)  NOT NULL,
    password_changed_at  DATETIME(6)  NULL,
    last_login_at        DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_console_account_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE console_account_role (
    account_id BIGINT      NOT NULL,
    role       VARCHAR(32) NOT NULL,
    PRIMARY KEY (account_id, role),
    CONSTRAINT fk_console_account_role_account FOREIGN KEY (account_id) REFERENCES console_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- An API token is 32 random bytes: a plain SHA-256 of it is as good as a slow hash (nothing to guess), and it
-- lets a request find its token by an indexed look-up. The token itself is shown once and never stored.
CREATE TABLE console_api_token (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    account_id   BIGINT      NOT NULL,
    label        VARCHAR(64) NOT NULL,
    -- the token's first characters, so its owner can tell tokens apart in the list
    token_prefix VARCHAR(12) NOT NULL,
    token_hash   CHAR(64)    NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    last_used_at DATETIME(6) NULL,
    revoked_at   DATETIME(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_console_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_console_api_token_account FOREIGN KEY (account_id) REFERENCES console_account (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The audit log page searches by actor and by action as well as by subject and time.
CREATE INDEX ix_audit_log_actor ON audit_log (actor, recorded_at);
CREATE INDEX ix_audit_log_action ON audit_log (action, recorded_at);
