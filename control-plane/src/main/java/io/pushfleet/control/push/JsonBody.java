package io.pushfleet.control.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * A push body as compact JSON text, with how deeply it nests ({@code 0} for a scalar). The text is what
 * the edges write into the {@code push} frame unchanged, so its UTF-8 length is what counts against the
 * frame limit.
 */
public record JsonBody(String json, int depth) {

    public int utf8Length() {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Copies one JSON value token by token, numbers in their exact form (no double rounding). */
    public static final class Deserializer extends JsonDeserializer<JsonBody> {

        private static final JsonFactory FACTORY = new JsonFactory();

        @Override
        public JsonBody deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            StringWriter out = new StringWriter();
            int depth = 0;
            int maxDepth = 0;
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                JsonToken t = p.currentToken();
                while (t != null) {
                    if (t.isStructStart()) {
                        maxDepth = Math.max(maxDepth, ++depth);
                    } else if (t.isStructEnd()) {
                        depth--;
                    }
                    g.copyCurrentEventExact(p);
                    if (depth == 0) {
                        break;
                    }
                    t = p.nextToken();
                }
            }
            return new JsonBody(out.toString(), maxDepth);
        }
    }
}
