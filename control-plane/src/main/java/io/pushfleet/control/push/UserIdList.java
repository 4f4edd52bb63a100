package io.pushfleet.control.push;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.util.Arrays;

/**
 * The {@code userIds} of a push request: the ids as read, in order, duplicates included, or the first
 * problem found ({@code problem != null}), so that {@link PushValidator} can answer {@code invalid_target}.
 */
public record UserIdList(long[] ids, int count, String problem) {

    static UserIdList invalid(String problem) {
        return new UserIdList(new long[0], 0, problem);
    }

    /** Reads a JSON array of positive integers without building a node or a boxed value per id. */
    public static final class Deserializer extends JsonDeserializer<UserIdList> {

        @Override
        public UserIdList deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (!p.isExpectedStartArrayToken()) {
                p.skipChildren();
                return invalid("userIds: not an array (expected: an array of user ids)");
            }
            long[] ids = new long[1024];
            int count = 0;
            int index = 0;
            String problem = null;
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
                if (problem != null) {
                    p.skipChildren();
                } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                        && p.getLongValue() > 0) {
                    if (count == ids.length) {
                        ids = Arrays.copyOf(ids, ids.length * 2);
                    }
                    ids[count++] = p.getLongValue();
                } else {
                    problem = "userIds[" + index + "]: " + describe(p, t) + " (expected: a positive 64-bit integer)";
                    p.skipChildren();
                }
            }
            return problem != null ? invalid(problem) : new UserIdList(ids, count, null);
        }

        private static String describe(JsonParser p, JsonToken t) throws IOException {
            return switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
                case VALUE_STRING -> "a string";
                case VALUE_NULL -> "null";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                default -> "an " + (t == JsonToken.START_ARRAY ? "array" : "object");
            };
        }
    }
}
