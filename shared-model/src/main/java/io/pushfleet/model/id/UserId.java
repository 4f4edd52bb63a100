package io.pushfleet.model.id;

/** A user's numeric id, as assigned by the control plane at registration; always positive. */
public record UserId(long value) {

    public UserId {
        if (value <= 0) {
            throw new IllegalArgumentException("userId: " + value + " (expected: > 0)");
        }
    }

    /** Parses the decimal form; throws {@link IllegalArgumentException} for anything else. */
    public static UserId parse(String text) {
        try {
            return new UserId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("userId: '" + text + "' (expected: a positive integer)", e);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
