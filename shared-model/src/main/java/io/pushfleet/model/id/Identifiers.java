package io.pushfleet.model.id;

import static java.util.Objects.requireNonNull;

/** Validation shared by the string-valued ids: a bounded length over a safe alphabet. */
final class Identifiers {

    private Identifiers() {
    }

    /**
     * Returns {@code value} when it has 1 to {@code maxLength} characters out of
     * {@code [A-Za-z0-9._-]}; those never clash with the {@code :} separators of Redis values.
     */
    static String requireToken(String name, String value, int maxLength) {
        requireNonNull(value, name);
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException(
                    name + ": length " + value.length() + " (expected: 1.." + maxLength + ")");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException(
                        name + ": character '" + c + "' at " + i + " (expected: [A-Za-z0-9._-])");
            }
        }
        return value;
    }
}
