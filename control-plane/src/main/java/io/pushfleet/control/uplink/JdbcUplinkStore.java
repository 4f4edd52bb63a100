package io.pushfleet.control.uplink;

import io.pushfleet.control.persistence.DbTime;
import io.pushfleet.model.frame.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@link UplinkStore} on MySQL: multi-row {@code INSERT IGNORE} statements of at most {@link #ROWS_PER_STATEMENT}
 * rows or about {@link #BYTES_PER_STATEMENT} of bodies (under MariaDB's 16 MiB default packet limit), all in
 * one JTA transaction that commits when {@link #persist} returns.
 *
 * <p>{@code INSERT IGNORE} rather than {@code ON DUPLICATE KEY UPDATE}: its update count is exactly the
 * number of new rows (the driver's default found-rows mode would count a no-op update as 1), which gives
 * the duplicates metric. IGNORE also downgrades other errors (too long, NULL) to warnings; {@link UplinkRow}
 * checks every column limit first, so a duplicate key is the only error left to ignore.
 */
@ApplicationScoped
public class JdbcUplinkStore implements UplinkStore {

    static final int ROWS_PER_STATEMENT = 500;
    static final long BYTES_PER_STATEMENT = 4L * 1024 * 1024;
    private static final String INSERT = "INSERT IGNORE INTO messages (msg_id, kind, user_id, device_id, client_msg_id,"
            + " target_user, target_group, body, node_id, received_at, trace_id) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private final DataSource db;

    public JdbcUplinkStore(DataSource db) {
        this.db = db;
    }

    @Override
    @Transactional
    public int persist(List<UplinkRow> rows) {
        int inserted = 0;
        try (Connection c = db.getConnection()) {
            int from = 0;
            while (from < rows.size()) {
                int to = from;
                long bytes = 0;
                while (to < rows.size() && to - from < ROWS_PER_STATEMENT && (to == from || bytes < BYTES_PER_STATEMENT)) {
                    // 4 bytes per char bounds the UTF-8 size from above.
                    bytes += 4L * rows.get(to).body().length();
                    to++;
                }
                inserted += insert(c, rows.subList(from, to));
                from = to;
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("persist uplink batch failed: SQLState " + e.getSQLState(), e);
        }
    }

    private static int insert(Connection c, List<UplinkRow> rows) throws SQLException {
        String sql = INSERT + String.join(", ", Collections.nCopies(rows.size(), ROW));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (UplinkRow row : rows) {
                ps.setLong(p++, row.msgId().value());
                ps.setString(p++, row.kind().name().toLowerCase(Locale.ROOT));
                ps.setLong(p++, row.userId().value());
                ps.setString(p++, row.deviceId().value());
                ps.setString(p++, row.clientMsgId());
                if (row.to() instanceof Target.User user) {
                    ps.setLong(p++, user.userId().value());
                } else {
                    ps.setNull(p++, Types.BIGINT);
                }
                if (row.to() instanceof Target.Group group) {
                    ps.setLong(p++, group.groupId().value());
                } else {
                    ps.setNull(p++, Types.BIGINT);
                }
                ps.setString(p++, row.body());
                ps.setString(p++, row.node().value());
                ps.setString(p++, DbTime.text(row.receivedAt()));
                ps.setString(p++, row.traceId());
            }
            return ps.executeUpdate();
        }
    }
}
