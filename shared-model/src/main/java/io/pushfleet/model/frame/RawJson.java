package io.pushfleet.model.frame;

import static java.util.Objects.requireNonNull;

/**
 * A message body: the text of one JSON value, kept as text so it can be passed along and written out
 * without being parsed again. The codecs check that incoming bodies are well-formed JSON.
 */
public record RawJson(String json) {

    public RawJson {
        requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return json;
    }
}
