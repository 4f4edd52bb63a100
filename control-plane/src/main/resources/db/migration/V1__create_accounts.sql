-- Accounts (DESIGN 5). Written for MySQL 8 and MariaDB 10.11 alike.
-- The username column is ASCII with a case-insensitive collation: "Alice" and "alice" are one account,
-- both for lookups and for the unique key. The hash is bcrypt's 60-character modular crypt string.
CREATE TABLE accounts (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
    password_hash VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_accounts_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
