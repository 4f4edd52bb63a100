package io.pushfleet.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.RawJson;

import java.io.IOException;

/** The Jackson factory both codecs share, with bounded nesting, and the check that a body is one JSON value. */
final class JsonBodies {

    /** Deeper bodies are refused: bounded recursion for any input. */
    static final int MAX_NESTING_DEPTH = 64;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonBodies() {
    }

    /** Returns the text as a body if it is exactly one well-formed JSON value. */
    static RawJson requireOneValue(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "body: empty (expected: one JSON value)");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "body: trailing data after the JSON value");
            }
            return new RawJson(text);
        } catch (IOException e) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "body: not valid JSON");
        }
    }
}
