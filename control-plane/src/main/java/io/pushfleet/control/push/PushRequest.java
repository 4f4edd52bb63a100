package io.pushfleet.control.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /api/admin/pushes}, as received: every field is optional here and checked by
 * {@link PushValidator}, so that a wrong type gets the field's own error code rather than
 * {@code malformed_json}. The id list and the body are read by their own deserializers: the ids straight
 * into a {@code long[]} (100,000 of them), the body copied as text so numbers keep their exact spelling.
 */
public record PushRequest(
        @JsonDeserialize(using = UserIdList.Deserializer.class) UserIdList userIds,
        JsonNode group,
        JsonNode all,
        @JsonDeserialize(using = JsonBody.Deserializer.class) JsonBody body,
        JsonNode ttlSeconds,
        JsonNode needsAck) {
}
