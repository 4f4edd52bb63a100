package io.pushfleet.control.push;

import io.pushfleet.model.frame.RawJson;
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

/**
 * {@link OfflineMessageRepository} over JDBC. A push's stored copy has no body of its own: the replay
 * query reads it from the task, so a 64 KiB push stored for 100,000 users is stored once.
 */
@ApplicationScoped
public class JdbcOfflineMessageRepository implements OfflineMessageRepository {

    private final DataSource dataSource;

    public JdbcOfflineMessageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int storeChat(MessageId msgId, UserId from, Collection<UserId> users, RawJson body, String traceId,
                         boolean needsAck, Instant expiresAt, Instant now) {
        return Sql.perSlice(users, slice -> storeChatSlice(msgId, from, slice, body, traceId, needsAck, expiresAt, now));
    }

    private int storeChatSlice(MessageId msgId, UserId from, List<UserId> users, RawJson body, String traceId,
                               boolean needsAck, Instant expiresAt, Instant now) {
        String sql = "INSERT IGNORE INTO offline_messages (user_id, msg_id, task_id, from_user_id, needs_ack, body,"
                + " trace_id, state, created_at, expires_at, updated_at) VALUES "
                + "(?,?,0,?,?,?,?,?,?,?,?),".repeat(users.size() - 1) + "(?,?,0,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Object at = Sql.utc(now);
            Object expires = Sql.utc(expiresAt);
            int i = 1;
            for (UserId user : users) {
                ps.setLong(i++, user.value());
                ps.setLong(i++, msgId.value());
                ps.setLong(i++, from.value());
                ps.setBoolean(i++, needsAck);
                ps.setString(i++, body.json());
                ps.setString(i++, traceId);
                ps.setInt(i++, DeliveryState.STORED.code());
                ps.setObject(i++, at);
                ps.setObject(i++, expires);
                ps.setObject(i++, at);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PushStoreException("store chat message", e);
        }
    }

    @Override
    public List<OfflineMessage> stored(UserId userId, int limit) {
        String sql = "SELECT o.id, o.user_id, o.msg_id, o.task_id, o.from_user_id, o.needs_ack,"
                + " COALESCE(o.body, t.body) AS body, o.trace_id, o.expires_at FROM offline_messages o"
                + " LEFT JOIN push_tasks t ON o.task_id > 0 AND t.id = o.task_id"
                + " WHERE o.user_id = ? AND o.state = " + DeliveryState.STORED.code() + " ORDER BY o.msg_id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, userId.value());
            ps.setInt(2, limit);
            return read(ps, true);
        } catch (SQLException e) {
            throw new PushStoreException("read stored messages", e);
        }
    }

    @Override
    public int move(MessageId msgId, Collection<UserId> users, DeliveryState to, Instant now) {
        if (!DeliveryState.sourcesOf(to).contains(DeliveryState.STORED)) {
            return 0;
        }
        return Sql.perSlice(users, slice -> moveSlice(msgId, slice, to, now));
    }

    private int moveSlice(MessageId msgId, List<UserId> users, DeliveryState to, Instant now) {
        String sql = "UPDATE offline_messages SET state = ?, updated_at = ? WHERE msg_id = ? AND state = "
                + DeliveryState.STORED.code() + " AND user_id IN (" + Sql.markers(users.size()) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, to.code());
            ps.setObject(2, Sql.utc(now));
            ps.setLong(3, msgId.value());
            Sql.bindUsers(ps, 4, users);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PushStoreException("move stored messages to " + to.apiName(), e);
        }
    }

    @Override
    public List<OfflineMessage> due(Instant now, int limit) {
        String sql = "SELECT id, user_id, msg_id, task_id, from_user_id, needs_ack, NULL AS body, trace_id, expires_at"
                + " FROM offline_messages WHERE state = " + DeliveryState.STORED.code() + " AND expires_at <= ?"
                + " ORDER BY expires_at LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, Sql.utc(now));
            ps.setInt(2, limit);
            return read(ps, false);
        } catch (SQLException e) {
            throw new PushStoreException("find expired messages", e);
        }
    }

    @Override
    public int expire(Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        String sql = "UPDATE offline_messages SET state = " + DeliveryState.EXPIRED.code() + ", updated_at = ?"
                + " WHERE state = " + DeliveryState.STORED.code() + " AND id IN (" + Sql.markers(ids.size()) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, Sql.utc(now));
            int i = 2;
            for (long id : ids) {
                ps.setLong(i++, id);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PushStoreException("expire stored messages", e);
        }
    }

    private static List<OfflineMessage> read(PreparedStatement ps, boolean withBody) throws SQLException {
        List<OfflineMessage> messages = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long from = rs.getLong("from_user_id"); // 0 for NULL; user ids are positive
                String body = rs.getString("body");
                messages.add(new OfflineMessage(rs.getLong("id"), new UserId(rs.getLong("user_id")),
                        new MessageId(rs.getLong("msg_id")), rs.getLong("task_id"), from > 0 ? new UserId(from) : null,
                        rs.getBoolean("needs_ack"), withBody && body != null ? new RawJson(body) : null,
                        rs.getString("trace_id"), Sql.instant(rs, "expires_at")));
            }
        }
        return messages;
    }
}
