package io.pushfleet.model.codec;

import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec(ProtocolLimits.DEFAULTS);

    static List<Frame> frames() {
        return SampleFrames.all();
    }

    @ParameterizedTest
    @MethodSource("frames")
    void roundTripsEveryFrame(Frame frame) {
        byte[] bytes = codec.encode(frame);

        assertThat(codec.decode(ByteBuffer.wrap(bytes))).isEqualTo(frame);
    }

    @Test
    void readsTheDocumentedClientShapes() {
        Frame send = codec.decode("{\"type\":\"send\",\"to\":{\"user\":42},\"body\":{\"text\":\"hi\"},\"clientMsgId\":\"c1\"}");

        assertThat(send).isInstanceOfSatisfying(Frame.Send.class, s -> {
            assertThat(s.to()).isEqualTo(new Target.User(new UserId(42)));
            assertThat(s.body().json()).isEqualTo("{\"text\":\"hi\"}");
        });
        assertThat(codec.decode("{\"type\":\"ping\"}")).isEqualTo(new Frame.Ping());
    }

    @Test
    void ignoresUnknownFieldsForForwardCompatibility() {
        assertThat(codec.decode("{\"type\":\"ping\",\"v\":1,\"later\":[1,2]}")).isEqualTo(new Frame.Ping());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json                      | {type:                                                         | not valid JSON",
            "an array                      | [1,2]                                                          | expected a JSON object",
            "no type                       | {\"token\":\"x\"}                                              | type: missing",
            "unknown type                  | {\"type\":\"shout\"}                                           | type: 'shout' (unknown)",
            "type of wrong type            | {\"type\":3}                                                   | type: number",
            "msgId as a number             | {\"type\":\"ack\",\"msgId\":5}                                  | msgId: number (expected: a string)",
            "msgId not digits              | {\"type\":\"ack\",\"msgId\":\"five\"}                           | msgId: 'five'",
            "needsAck as a string          | {\"type\":\"push\",\"msgId\":\"1\",\"body\":1,\"needsAck\":\"yes\"} | needsAck: string",
            "send to both user and group   | {\"type\":\"send\",\"to\":{\"user\":1,\"group\":2},\"body\":1,\"clientMsgId\":\"c\"} | exactly one",
            "send to a string              | {\"type\":\"send\",\"to\":\"bob\",\"body\":1,\"clientMsgId\":\"c\"} | to: string (expected: an object)",
            "send without body             | {\"type\":\"send\",\"to\":{\"user\":1},\"clientMsgId\":\"c\"}   | body: missing",
            "user id zero                  | {\"type\":\"send\",\"to\":{\"user\":0},\"body\":1,\"clientMsgId\":\"c\"} | userId: 0",
            "user id fractional            | {\"type\":\"send\",\"to\":{\"user\":1.5},\"body\":1,\"clientMsgId\":\"c\"} | user: number (expected: an integer)",
            "empty clientMsgId             | {\"type\":\"uplink\",\"body\":1,\"clientMsgId\":\"\"}           | clientMsgId: length 0",
            "duplicate field               | {\"type\":\"ping\",\"type\":\"ping\"}                          | not valid JSON",
            "trailing garbage              | {\"type\":\"ping\"} x                                          | not valid JSON",
    })
    void closesWithProtocolErrorOnMalformedInput(String name, String json, String message) {
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(ProtocolException.class,
                        p -> assertThat(p.closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR))
                .hasMessageContaining(message);
    }

    @Test
    void closesWithUnsupportedVersionForAnotherVersion() {
        assertThatThrownBy(() -> codec.decode("{\"v\":2,\"type\":\"ping\"}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        p -> assertThat(p.closeCode()).isEqualTo(CloseCode.UNSUPPORTED_VERSION));
    }

    @Test
    void closesWithProtocolErrorOnBadUtf8() {
        byte[] bytes = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'};

        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        p -> assertThat(p.closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR))
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void closesWithFrameTooLargeOverTheLimit() {
        byte[] bytes = ("{\"type\":\"uplink\",\"clientMsgId\":\"c\",\"body\":\"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        p -> assertThat(p.closeCode()).isEqualTo(CloseCode.FRAME_TOO_LARGE))
                .hasMessageContaining("(expected: <= 65536)");
    }

    @Test
    void closesWithProtocolErrorOnDeeplyNestedBodies() {
        String deep = "[".repeat(JsonBodies.MAX_NESTING_DEPTH + 10) + "]".repeat(JsonBodies.MAX_NESTING_DEPTH + 10);

        assertThatThrownBy(() -> codec.decode("{\"type\":\"uplink\",\"clientMsgId\":\"c\",\"body\":" + deep + "}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        p -> assertThat(p.closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR));
    }
}
