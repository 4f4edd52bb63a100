package io.pushfleet.model.id;

/**
 * A server-assigned message id. 64 bits on the wire; in JSON it travels as a decimal string, because
 * JavaScript numbers lose precision above 2^53.
 */
public record MessageId(long value) {

    public MessageId {
        if (value <= 0) {
            throw new IllegalArgumentException("msgId: " + value + " (expected: > 0)");
        }
    }

    /** Parses the decimal form; throws {@link IllegalArgumentException} for anything else. */
    public static MessageId parse(String text) {
        try {
            return new MessageId(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("msgId: '" + text + "' (expected: a positive integer)", e);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
