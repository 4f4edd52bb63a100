package io.pushfleet.control.chat;

import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MessageHistoryRepository} on MySQL. "Sent by me OR sent to me" is two index range scans
 * ({@code (user_id, msg_id)} and {@code (target_user, msg_id)}), each stopped after {@code limit} rows,
 * merged by a {@code UNION} of row ids (which also folds a message to oneself into one row); an
 * {@code OR} over two columns would make MySQL scan and sort instead.
 */
@ApplicationScoped
public class JdbcMessageHistoryRepository implements MessageHistoryRepository {

    private static final String PAGE = """
            SELECT m.msg_id, m.kind, m.user_id, m.target_user, m.target_group, m.body, m.received_at
            FROM messages m JOIN (
                (SELECT id FROM messages WHERE user_id = ? AND msg_id < ? ORDER BY msg_id DESC LIMIT ?)
                UNION
                (SELECT id FROM messages WHERE target_user = ? AND msg_id < ? ORDER BY msg_id DESC LIMIT ?)
            ) mine ON mine.id = m.id
            ORDER BY m.msg_id DESC
            LIMIT ?""";

    private final DataSource db;

    public JdbcMessageHistoryRepository(DataSource db) {
        this.db = db;
    }

    @Override
    public List<StoredMessage> page(UserId userId, long beforeMsgId, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
            int p = 1;
            for (int branch = 0; branch < 2; branch++) {
                ps.setLong(p++, userId.value());
                ps.setLong(p++, beforeMsgId);
                ps.setInt(p++, limit);
            }
            ps.setInt(p, limit);
            List<StoredMessage> page = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(row(rs));
                }
            }
            return page;
        } catch (SQLException e) {
            throw Sql.failed("read message history", e);
        }
    }

    private static StoredMessage row(ResultSet rs) throws SQLException {
        long targetUser = rs.getLong(4);
        boolean toUser = !rs.wasNull();
        long targetGroup = rs.getLong(5);
        boolean toGroup = !rs.wasNull();
        Target to = toUser ? new Target.User(new UserId(targetUser))
                : toGroup ? new Target.Group(new GroupId(targetGroup)) : null;
        return new StoredMessage(new MessageId(rs.getLong(1)), rs.getString(2), new UserId(rs.getLong(3)), to,
                rs.getString(6), Sql.instant(rs, 7));
    }
}
