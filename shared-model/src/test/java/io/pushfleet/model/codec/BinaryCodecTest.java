package io.pushfleet.model.codec;

import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.FrameType;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryCodecTest {

    private final BinaryCodec codec = new BinaryCodec(ProtocolLimits.DEFAULTS);

    static List<Frame> frames() {
        return SampleFrames.all();
    }

    @ParameterizedTest
    @MethodSource("frames")
    void roundTripsEveryFrame(Frame frame) {
        byte[] bytes = codec.encode(frame);

        assertThat(bytes[0]).isEqualTo((byte) Frame.VERSION);
        assertThat(bytes[1] & 0xFF).isEqualTo(frame.type().code());
        assertThat(codec.decode(ByteBuffer.wrap(bytes))).isEqualTo(frame);
    }

    @ParameterizedTest
    @MethodSource("frames")
    void closesWithProtocolErrorOnEveryTruncation(Frame frame) {
        byte[] bytes = codec.encode(frame);
        for (int length = 0; length < bytes.length; length++) {
            ByteBuffer prefix = ByteBuffer.wrap(Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> codec.decode(prefix))
                    .as("prefix of %d of %d bytes", length, bytes.length)
                    .isInstanceOfSatisfying(ProtocolException.class,
                            p -> assertThat(p.closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR));
        }
    }

    @Test
    void closesWithProtocolErrorOnTrailingBytes() {
        byte[] bytes = codec.encode(new Frame.Ping());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

        assertProtocolError(longer, CloseCode.PROTOCOL_ERROR, "trailing");
    }

    @Test
    void closesWithFrameTooLargeBeforeReadingAnything() {
        BinaryCodec small = new BinaryCodec(new ProtocolLimits(256, ProtocolLimits.DEFAULT_AUTH_TIMEOUT, 10));

        assertThatThrownBy(() -> small.decode(ByteBuffer.allocate(257)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        p -> assertThat(p.closeCode()).isEqualTo(CloseCode.FRAME_TOO_LARGE))
                .hasMessageContaining("257 bytes (expected: <= 256)");
    }

    @Test
    void refusesToEncodeAFrameOverTheLimit() {
        BinaryCodec small = new BinaryCodec(new ProtocolLimits(256, ProtocolLimits.DEFAULT_AUTH_TIMEOUT, 10));
        Frame big = new Frame.Push(new MessageId(1), new RawJson("\"" + "x".repeat(300) + "\""), false, null);

        assertThatThrownBy(() -> small.encode(big))
                .isInstanceOfSatisfying(ProtocolException.class,
                        p -> assertThat(p.closeCode()).isEqualTo(CloseCode.FRAME_TOO_LARGE));
    }

    @Test
    void closesWithUnsupportedVersionForAnotherVersion() {
        assertProtocolError(new byte[] {2, 0x02}, CloseCode.UNSUPPORTED_VERSION, "version: 2");
    }

    @Test
    void closesWithProtocolErrorOnUnknownType() {
        assertProtocolError(new byte[] {1, 0x7F}, CloseCode.PROTOCOL_ERROR, "type: 0x7f");
    }

    @Test
    void closesWithProtocolErrorWhenADeclaredLengthExceedsTheFrame() {
        // AUTH with a token length of 65535 but only 3 bytes behind it: no 64 KiB allocation, just an error.
        assertProtocolError(new byte[] {1, 0x01, (byte) 0xFF, (byte) 0xFF, 'a', 'b', 'c'}, CloseCode.PROTOCOL_ERROR,
                "only 3 bytes left");
    }

    @Test
    void closesWithProtocolErrorOnAHugeBodyLength() {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 2 + 4);
        b.put((byte) 1).put((byte) FrameType.UPLINK.code()).putShort((short) 2).put("id".getBytes(StandardCharsets.UTF_8))
                .putInt(0xFFFFFFFF).flip();

        assertProtocolError(Arrays.copyOf(b.array(), b.limit()), CloseCode.PROTOCOL_ERROR, "body length");
    }

    @Test
    void closesWithProtocolErrorOnBadUtf8() {
        byte[] bytes = {1, 0x01, 0, 2, (byte) 0xC3, (byte) 0x28};

        assertProtocolError(bytes, CloseCode.PROTOCOL_ERROR, "token: not valid UTF-8");
    }

    @Test
    void closesWithProtocolErrorOnABodyThatIsNotJson() {
        byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 2 + 4 + body.length);
        b.put((byte) 1).put((byte) FrameType.UPLINK.code()).putShort((short) 2).put("id".getBytes(StandardCharsets.UTF_8))
                .putInt(body.length).put(body);

        assertProtocolError(b.array(), CloseCode.PROTOCOL_ERROR, "body: not valid JSON");
    }

    @Test
    void closesWithProtocolErrorOnAnUnknownTargetKind() {
        ByteBuffer b = ByteBuffer.allocate(2 + 1 + 8);
        b.put((byte) 1).put((byte) FrameType.SEND.code()).put((byte) 9).putLong(1);

        assertProtocolError(b.array(), CloseCode.PROTOCOL_ERROR, "target kind: 9");
    }

    @Test
    void closesWithProtocolErrorOnInvalidFieldValues() {
        ByteBuffer ack = ByteBuffer.allocate(10).put((byte) 1).put((byte) FrameType.ACK.code()).putLong(0);

        assertProtocolError(ack.array(), CloseCode.PROTOCOL_ERROR, "msgId: 0");
    }

    @Test
    void answersRandomBytesOnlyWithProtocolExceptions() {
        Random random = new Random(20261125);
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            if (bytes.length > 0) {
                bytes[0] = 1;
            }
            try {
                codec.decode(ByteBuffer.wrap(bytes));
            } catch (ProtocolException expected) {
                assertThat(expected.closeCode().fatal()).isTrue();
            }
        }
    }

    private void assertProtocolError(byte[] bytes, CloseCode code, String message) {
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(bytes)))
                .isInstanceOfSatisfying(ProtocolException.class, p -> assertThat(p.closeCode()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
