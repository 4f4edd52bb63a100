package io.pushfleet.control.push;

import io.pushfleet.control.persistence.DbTime;
import io.pushfleet.model.id.UserId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Small JDBC helpers of the push repositories. Times go through {@link DbTime}: UTC text, so neither time
 * zones nor the driver's handling of MariaDB lose anything.
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

    static String utc(Instant instant) {
        return DbTime.text(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return DbTime.read(rs, column);
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
