package io.pushfleet.control.push;

import io.pushfleet.model.id.UserId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Small JDBC helpers of the push repositories. Times are bound as UTC {@link LocalDateTime}s into
 * {@code DATETIME(6)} columns, so the JVM's and the server's time zones never matter.
 */
final class Sql {

    /**
     * Most users one statement names. A broadcast's report or an ack batch may list many more; slices
     * keep every statement (and its lock footprint) the size of a routing chunk.
     */
    static final int MAX_USERS_PER_STATEMENT = 1000;

    private Sql() {
    }

    /** Runs {@code statement} on slices of at most {@link #MAX_USERS_PER_STATEMENT} users; sums the row counts. */
    static int perSlice(Collection<UserId> users, ToIntFunction<List<UserId>> statement) {
        List<UserId> all = List.copyOf(users);
        int rows = 0;
        for (int from = 0; from < all.size(); from += MAX_USERS_PER_STATEMENT) {
            rows += statement.applyAsInt(all.subList(from, Math.min(from + MAX_USERS_PER_STATEMENT, all.size())));
        }
        return rows;
    }

    /** {@code ?,?,...,?} with {@code count} markers. */
    static String markers(int count) {
        return "?,".repeat(count - 1) + "?";
    }

    /** State codes for an {@code IN (...)} list; they come from the enum, never from input. */
    static String codes(Set<DeliveryState> states) {
        return states.stream().map(s -> Integer.toString(s.code())).collect(Collectors.joining(","));
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** Binds the users' ids from parameter {@code first} on; returns the next free parameter index. */
    static int bindUsers(PreparedStatement ps, int first, Collection<UserId> users) throws SQLException {
        int i = first;
        for (UserId user : users) {
            ps.setLong(i++, user.value());
        }
        return i;
    }
}
