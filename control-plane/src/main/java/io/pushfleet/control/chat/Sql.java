package io.pushfleet.control.chat;

import io.pushfleet.control.persistence.DbTime;
import io.pushfleet.model.id.UserId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** JDBC helpers of this package. Times go through {@link DbTime}: UTC, bound as text. */
final class Sql {

    /** Ids per {@code IN (...)} list. */
    static final int IN_CHUNK = 1000;
    /** Rows per multi-row {@code INSERT}. */
    static final int INSERT_CHUNK = 1000;

    private Sql() {
    }

    /** The parameter for a {@code DATETIME} column. */
    static String dateTime(Instant instant) {
        return DbTime.text(instant);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return DbTime.read(rs, column);
    }

    /** {@code ?, ?, ?} with {@code count} markers. */
    static String placeholders(int count) {
        return "?, ".repeat(count - 1) + "?";
    }

    static void setIds(PreparedStatement ps, int firstIndex, List<UserId> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            ps.setLong(firstIndex + i, ids.get(i).value());
        }
    }

    static <T> List<List<T>> chunks(Collection<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(size, items.size()));
        for (T item : items) {
            current.add(item);
            if (current.size() == size) {
                chunks.add(current);
                current = new ArrayList<>(size);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** A database failure as an unchecked exception naming what was being done. */
    static IllegalStateException failed(String action, SQLException e) {
        return new IllegalStateException(action + " failed: SQLState " + e.getSQLState(), e);
    }
}
