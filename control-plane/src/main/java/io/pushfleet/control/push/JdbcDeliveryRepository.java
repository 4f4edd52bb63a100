package io.pushfleet.control.push;

import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@link DeliveryRepository} over JDBC: each call is one statement per slice of up to 1,000 users (a
 * multi-row {@code INSERT IGNORE}, or an {@code UPDATE ... WHERE state IN (sources)} whose row count is
 * how many moved). The allowed source states come from {@link DeliveryState#sourcesOf}, never from input.
 */
@ApplicationScoped
public class JdbcDeliveryRepository implements DeliveryRepository {

    private final DataSource dataSource;

    public JdbcDeliveryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int insertMissing(long taskId, Collection<UserId> users, DeliveryState state, Instant now) {
        return Sql.perSlice(users, slice -> insertSlice(taskId, slice, state, now));
    }

    private int insertSlice(long taskId, List<UserId> users, DeliveryState state, Instant now) {
        String sql = "INSERT IGNORE INTO push_deliveries (task_id, user_id, state, updated_at) VALUES "
                + "(?,?,?,?),".repeat(users.size() - 1) + "(?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            Object at = Sql.utc(now);
            for (UserId user : users) {
                ps.setLong(i++, taskId);
                ps.setLong(i++, user.value());
                ps.setInt(i++, state.code());
                ps.setObject(i++, at);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PushStoreException("insert deliveries", e);
        }
    }

    @Override
    public int move(long taskId, Collection<UserId> users, DeliveryState to, Instant now) {
        Set<DeliveryState> from = DeliveryState.sourcesOf(to);
        return from.isEmpty() ? 0 : Sql.perSlice(users, slice -> moveSlice(taskId, slice, from, to, now));
    }

    private int moveSlice(long taskId, List<UserId> users, Set<DeliveryState> from, DeliveryState to, Instant now) {
        String sql = "UPDATE push_deliveries SET state = ?, updated_at = ? WHERE task_id = ? AND state IN ("
                + Sql.codes(from) + ") AND user_id IN (" + Sql.markers(users.size()) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, to.code());
            ps.setObject(2, Sql.utc(now));
            ps.setLong(3, taskId);
            Sql.bindUsers(ps, 4, users);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PushStoreException("move deliveries to " + to.apiName(), e);
        }
    }

    @Override
    public int store(PushTask task, Collection<UserId> users, Instant expiresAt, Instant now) {
        return Sql.perSlice(users, slice -> storeSlice(task, slice, expiresAt, now));
    }

    private int storeSlice(PushTask task, List<UserId> users, Instant expiresAt, Instant now) {
        String in = " AND user_id IN (" + Sql.markers(users.size()) + ")";
        String copy = "INSERT IGNORE INTO offline_messages (user_id, msg_id, task_id, from_user_id, needs_ack, body,"
                + " trace_id, state, created_at, expires_at, updated_at)"
                + " SELECT user_id, ?, task_id, NULL, ?, NULL, ?, " + DeliveryState.STORED.code() + ", ?, ?, ?"
                + " FROM push_deliveries WHERE task_id = ? AND state = " + DeliveryState.OFFLINE.code() + in;
        String mark = "UPDATE push_deliveries SET state = " + DeliveryState.STORED.code() + ", updated_at = ?"
                + " WHERE task_id = ? AND state = " + DeliveryState.OFFLINE.code() + in;
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(copy);
             PreparedStatement update = c.prepareStatement(mark)) {
            Object at = Sql.utc(now);
            insert.setLong(1, task.msgId().value());
            insert.setBoolean(2, task.needsAck());
            insert.setString(3, task.traceId());
            insert.setObject(4, at);
            insert.setObject(5, Sql.utc(expiresAt));
            insert.setObject(6, at);
            insert.setLong(7, task.id());
            Sql.bindUsers(insert, 8, users);
            insert.executeUpdate();
            update.setObject(1, at);
            update.setLong(2, task.id());
            Sql.bindUsers(update, 3, users);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new PushStoreException("store offline deliveries", e);
        }
    }

    @Override
    public List<Row> page(long taskId, DeliveryState state, long afterUserId, int limit) {
        String sql = "SELECT user_id, state, updated_at FROM push_deliveries WHERE task_id = ?"
                + (state != null ? " AND state = " + state.code() : "") + " AND user_id > ? ORDER BY user_id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, taskId);
            ps.setLong(2, afterUserId);
            ps.setInt(3, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(new UserId(rs.getLong(1)), DeliveryState.ofCode(rs.getInt(2)),
                            Sql.instant(rs, "updated_at")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PushStoreException("page deliveries", e);
        }
    }

    @Override
    public List<UserRow> recentForUser(UserId userId, int limit) {
        String sql = "SELECT d.task_id, t.msg_id, d.state, d.updated_at FROM push_deliveries d"
                + " JOIN push_tasks t ON t.id = d.task_id WHERE d.user_id = ? ORDER BY d.task_id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, userId.value());
            ps.setInt(2, limit);
            List<UserRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new UserRow(rs.getLong(1), new MessageId(rs.getLong(2)), DeliveryState.ofCode(rs.getInt(3)),
                            Sql.instant(rs, "updated_at")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PushStoreException("read a user's deliveries", e);
        }
    }
}
