package io.pushfleet.bench.push;

import picocli.CommandLine.ITypeConverter;

import java.time.Duration;
import java.util.Locale;

/** Durations on the command line: {@code 250ms}, {@code 20s}, {@code 2m}, or ISO-8601 ({@code PT20S}). */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(value.trim());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> throw new IllegalArgumentException(value);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(value + " (expected: a duration such as 250ms, 20s, 2m or PT20S)");
        }
    }
}
