package io.pushfleet.control.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How every repository binds and reads times: UTC, bound as text. MySQL Connector/J drops the fraction of
 * a {@code LocalDateTime} or {@code Timestamp} parameter when the server reports a version below 5.6.4,
 * which MariaDB does ({@code 5.5.5-10.11.x}); text keeps it on both MySQL 8 and MariaDB, for
 * {@code DATETIME(3)} and {@code DATETIME(6)} columns alike.
 */
public final class DbTime {

    private static final DateTimeFormatter TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private DbTime() {
    }

    /** The parameter for a {@code DATETIME} column. */
    public static String text(Instant instant) {
        return TEXT.format(instant);
    }

    /** A {@code DATETIME} column as an instant, or null for SQL NULL. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** A {@code DATETIME} column as an instant, or null for SQL NULL. */
    public static Instant read(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
