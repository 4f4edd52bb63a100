package io.pushfleet.control.push;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link PushTaskRepository} over JDBC (plain SQL rather than Hibernate: the id list is one large binary
 * value and every state change is a conditional {@code UPDATE} whose row count is the answer). Inside a
 * {@link Transactions#run} the connection is the transaction's.
 */
@ApplicationScoped
public class JdbcPushTaskRepository implements PushTaskRepository {

    private static final String COLUMNS = "id, msg_id, target_kind, group_id, target_count, body, needs_ack,"
            + " ttl_seconds, trace_id, state, routed_count, created_at";

    private final DataSource dataSource;

    public JdbcPushTaskRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long insert(PushSpec spec, MessageId msgId, String traceId, Instant createdAt) {
        String sql = "INSERT INTO push_tasks (msg_id, target_kind, group_id, target_count, target_ids, body, needs_ack,"
                + " ttl_seconds, trace_id, state, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, msgId.value());
            ps.setString(2, spec.kind().dbValue());
            if (spec.group() != null) {
                ps.setLong(3, spec.group().value());
            } else {
                ps.setNull(3, Types.BIGINT);
            }
            ps.setInt(4, spec.users() != null ? spec.users().size() : 0);
            if (spec.users() != null) {
                ps.setBytes(5, spec.users().toBytes());
            } else {
                ps.setNull(5, Types.LONGVARBINARY);
            }
            ps.setString(6, spec.body().json());
            ps.setBoolean(7, spec.needsAck());
            ps.setLong(8, spec.ttl().toSeconds());
            ps.setString(9, traceId);
            ps.setString(10, TaskState.ACCEPTED.dbValue());
            ps.setObject(11, Sql.utc(createdAt));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new PushStoreException("insert push task", e);
        }
    }

    @Override
    public Optional<PushTask> find(long taskId) {
        return findOne("SELECT " + COLUMNS + " FROM push_tasks WHERE id = ?", taskId);
    }

    @Override
    public Optional<PushTask> findByMsgId(MessageId msgId) {
        return findOne("SELECT " + COLUMNS + " FROM push_tasks WHERE msg_id = ?", msgId.value());
    }

    @Override
    public Optional<PushTask> claim(long taskId, String owner, Instant now, Instant leaseUntil) {
        int claimed = update("claim push task", "UPDATE push_tasks SET state = 'routing', claimed_by = ?, lease_until = ?"
                + " WHERE id = ? AND (state = 'accepted' OR (state = 'routing' AND lease_until < ?))",
                owner, Sql.utc(leaseUntil), taskId, Sql.utc(now));
        return claimed == 1 ? find(taskId) : Optional.empty();
    }

    @Override
    public List<Long> unclaimed(Instant now, int limit) {
        String sql = "SELECT id FROM push_tasks WHERE state IN ('accepted', 'routing')"
                + " AND (state = 'accepted' OR lease_until < ?) ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, Sql.utc(now));
            ps.setInt(2, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new PushStoreException("find unclaimed push tasks", e);
        }
    }

    @Override
    public Optional<TargetList> targets(long taskId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT target_ids FROM push_tasks WHERE id = ?")) {
            ps.setLong(1, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                byte[] bytes = rs.getBytes(1);
                return bytes == null ? Optional.empty() : Optional.of(TargetList.fromBytes(bytes));
            }
        } catch (SQLException e) {
            throw new PushStoreException("read push targets", e);
        }
    }

    @Override
    public boolean saveTargets(long taskId, String owner, TargetList targets) {
        return update("save push targets", "UPDATE push_tasks SET target_ids = ?, target_count = ?"
                        + " WHERE id = ? AND claimed_by = ? AND target_ids IS NULL",
                targets.toBytes(), targets.size(), taskId, owner) == 1;
    }

    @Override
    public void advance(long taskId, String owner, int cursor, Instant leaseUntil) {
        int updated = update("advance push task", "UPDATE push_tasks SET routed_count = ?, lease_until = ?"
                + " WHERE id = ? AND claimed_by = ? AND state = 'routing'", cursor, Sql.utc(leaseUntil), taskId, owner);
        if (updated != 1) {
            throw new LeaseLostException(taskId, owner);
        }
    }

    @Override
    public void finishRouting(long taskId, String owner, Instant now) {
        int updated = update("finish routing", "UPDATE push_tasks SET state = 'routed', routed_count = target_count,"
                + " routed_at = ?, claimed_by = NULL, lease_until = NULL WHERE id = ? AND claimed_by = ?"
                + " AND state = 'routing'", Sql.utc(now), taskId, owner);
        if (updated != 1) {
            throw new LeaseLostException(taskId, owner);
        }
    }

    @Override
    public void release(long taskId, String owner) {
        update("release push task", "UPDATE push_tasks SET state = 'accepted', claimed_by = NULL, lease_until = NULL"
                + " WHERE id = ? AND claimed_by = ? AND state = 'routing'", taskId, owner);
    }

    @Override
    public boolean markDoneIfSettled(long taskId, Instant now) {
        return update("mark push task done", "UPDATE push_tasks SET state = 'done', done_at = ? WHERE id = ?"
                + " AND state = 'routed' AND NOT EXISTS (SELECT 1 FROM push_deliveries d WHERE d.task_id = ?"
                + " AND d.state = " + DeliveryState.ROUTED.code() + ")", Sql.utc(now), taskId, taskId) == 1;
    }

    @Override
    public DeliveryCounts counts(long taskId) {
        String sql = "SELECT state, COUNT(*) FROM push_deliveries WHERE task_id = ? GROUP BY state";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            DeliveryCounts counts = new DeliveryCounts();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(DeliveryState.ofCode(rs.getInt(1)), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new PushStoreException("count deliveries", e);
        }
    }

    private Optional<PushTask> findOne(String sql, long key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(task(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PushStoreException("read push task", e);
        }
    }

    private static PushTask task(ResultSet rs) throws SQLException {
        long group = rs.getLong("group_id"); // 0 for NULL; group ids are positive
        return new PushTask(rs.getLong("id"), new MessageId(rs.getLong("msg_id")),
                TargetKind.ofDbValue(rs.getString("target_kind")), group > 0 ? new GroupId(group) : null,
                rs.getInt("target_count"), new RawJson(rs.getString("body")), rs.getBoolean("needs_ack"),
                Duration.ofSeconds(rs.getLong("ttl_seconds")), rs.getString("trace_id"),
                TaskState.ofDbValue(rs.getString("state")), rs.getInt("routed_count"), Sql.instant(rs, "created_at"));
    }

    private int update(String operation, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PushStoreException(operation, e);
        }
    }
}
