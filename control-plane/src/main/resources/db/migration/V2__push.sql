-- Admin pushes, per-target deliveries and the offline store (DESIGN 3.5, 3.6, 5; docs/control-plane.md,
-- "Pushes"). Written for MySQL 8 and MariaDB 10.11 alike. No foreign keys: deliveries are written in
-- batches of a thousand rows and a per-row parent check buys nothing the code does not already ensure.
-- Times are UTC, written by the application (never NOW()), so every control plane agrees on them.

-- One row per accepted push. target_ids holds an explicit user list (or a group's members, snapshotted
-- when routing starts) as ascending distinct ids, 8 bytes big-endian each: 100,000 ids are one 800 KB
-- value written in one statement, and chunk i is the byte range [i*8000, (i+1)*8000).
-- state: accepted -> routing -> routed -> done. routed_count is the routing cursor: the targets before
-- it have reached their node streams. claimed_by/lease_until: which control plane routes the task and
-- until when; an expired lease lets another one resume from the cursor.
CREATE TABLE push_tasks (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    msg_id       BIGINT       NOT NULL,
    target_kind  VARCHAR(8)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    group_id     BIGINT       NULL,
    target_count INT          NOT NULL,
    target_ids   LONGBLOB     NULL,
    body         MEDIUMTEXT   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    needs_ack    BOOLEAN      NOT NULL,
    ttl_seconds  INT          NOT NULL,
    trace_id     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    state        VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    routed_count INT          NOT NULL DEFAULT 0,
    claimed_by   VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NULL,
    lease_until  DATETIME(6)  NULL,
    created_at   DATETIME(6)  NOT NULL,
    routed_at    DATETIME(6)  NULL,
    done_at      DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_push_tasks_msg_id UNIQUE (msg_id),
    KEY idx_push_tasks_state (state, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per (task, target user); narrow on purpose, a 100,000-user push writes 100,000 of them.
-- state codes (DeliveryState): 1 routed, 2 written, 3 acked, 4 offline, 5 stored, 6 delivered, 7 expired.
-- (task_id, state) serves the counts, the "is anything still routed" check and paging by state; the
-- secondary index on user_id ends in the primary key, so it also orders a user's rows by task id.
CREATE TABLE push_deliveries (
    task_id    BIGINT      NOT NULL,
    user_id    BIGINT      NOT NULL,
    state      TINYINT     NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (task_id, user_id),
    KEY idx_push_deliveries_task_state (task_id, state),
    KEY idx_push_deliveries_user (user_id)
) ENGINE = InnoDB;

-- Messages waiting for a user to connect: pushes (task_id > 0, body read from the task) and chat
-- messages the edges could not deliver (task_id 0, body here). state: 5 stored, 6 delivered, 7 expired.
-- (user_id, msg_id) is unique, so storing the same message twice for a user is a no-op.
CREATE TABLE offline_messages (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    user_id      BIGINT      NOT NULL,
    msg_id       BIGINT      NOT NULL,
    task_id      BIGINT      NOT NULL,
    from_user_id BIGINT      NULL,
    needs_ack    BOOLEAN     NOT NULL,
    body         MEDIUMTEXT  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    trace_id     VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    state        TINYINT     NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    expires_at   DATETIME(6) NOT NULL,
    updated_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_offline_messages_user_msg UNIQUE (user_id, msg_id),
    KEY idx_offline_messages_replay (user_id, state, msg_id),
    KEY idx_offline_messages_expiry (state, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
