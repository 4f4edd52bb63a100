package io.pushfleet.edge.bootstrap;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations as people write them in settings: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT10S}. */
final class Durations {

    static final String EXPECTED = "a duration such as 500ms, 10s, 2m, 1h or PT10S";

    private Durations() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} for anything else. */
    static Duration parse(String text) {
        String t = text.trim();
        try {
            if (t.regionMatches(true, 0, "PT", 0, 2)) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, Math.max(0, t.length() - 1)));
            return switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException(text);
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Short form for messages: {@code 500ms}, {@code 10s}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
