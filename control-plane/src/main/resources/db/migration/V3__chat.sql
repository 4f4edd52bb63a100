-- Chat groups and the messages edges produce to Kafka (DESIGN 3.7, 3.8, 5). MySQL 8 and MariaDB 10.11 alike.

-- A group has an owner (who alone may add members) and at least one member: the owner can never be
-- removed, so the Redis set edges read (group:{id}:members) is never empty and never looks like an
-- unknown group. Names are utf8mb4 text of 1 to 64 characters, checked by the service.
CREATE TABLE chat_groups (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    name       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    owner_id   BIGINT      NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_chat_groups_owner (owner_id),
    CONSTRAINT fk_chat_groups_owner FOREIGN KEY (owner_id) REFERENCES accounts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- The secondary key serves "which groups is this user in" (history of group messages, later).
CREATE TABLE group_members (
    group_id BIGINT      NOT NULL,
    user_id  BIGINT      NOT NULL,
    added_at DATETIME(3) NOT NULL,
    PRIMARY KEY (group_id, user_id),
    KEY ix_group_members_user (user_id),
    CONSTRAINT fk_group_members_group FOREIGN KEY (group_id) REFERENCES chat_groups (id),
    CONSTRAINT fk_group_members_user FOREIGN KEY (user_id) REFERENCES accounts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per client send or uplink, written by the uplink consumer with INSERT IGNORE: a record
-- delivered twice (Kafka redelivery) or a client retry with the same clientMsgId (a new msg_id from
-- the edge) hits one of the two unique keys and is skipped. No foreign keys: ingestion must never stall
-- on a row the edges already accepted. kind is 'send' or 'uplink' (the protocol's frame types);
-- exactly one of target_user / target_group is set for 'send', neither for 'uplink'. body is the JSON
-- text as received (MEDIUMTEXT, not JSON: MySQL's JSON type would rewrite it, MariaDB's is LONGTEXT).
-- The two (x, msg_id) keys serve the history query, newest first, sent and received.
CREATE TABLE messages (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    msg_id        BIGINT        NOT NULL,
    kind          VARCHAR(8)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    user_id       BIGINT        NOT NULL,
    device_id     VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_msg_id VARCHAR(64)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    target_user   BIGINT        NULL,
    target_group  BIGINT        NULL,
    body          MEDIUMTEXT    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    node_id       VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    received_at   DATETIME(3)   NOT NULL,
    trace_id      VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_messages_msg_id UNIQUE (msg_id),
    CONSTRAINT uk_messages_client_msg UNIQUE (user_id, device_id, client_msg_id),
    KEY ix_messages_user_msg (user_id, msg_id),
    KEY ix_messages_target_user_msg (target_user, msg_id),
    KEY ix_messages_target_group_msg (target_group, msg_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
