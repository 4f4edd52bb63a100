package io.pushfleet.model.codec;

import io.pushfleet.model.frame.CloseCode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed or unmappable input is a protocol error, never a replacement character. */
final class Utf8 {

    private Utf8() {
    }

    static String decode(ByteBuffer bytes, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, field + ": not valid UTF-8");
        }
    }
}
