package io.pushfleet.model.codec;

import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.FrameType;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The compact binary encoding (docs/protocol.md, section 3): a version byte, a type byte, then the
 * type's fields in a fixed order, big-endian. Used on raw TCP (behind a 4-byte length prefix) and in
 * WebSocket binary frames.
 */
public final class BinaryCodec implements FrameCodec {

    /** Bytes of the TCP length prefix that precedes every frame. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    static final int TARGET_USER = 1;
    static final int TARGET_GROUP = 2;
    static final int PUSH_NEEDS_ACK = 1;
    static final int PUSH_HAS_FROM = 2;

    private final int maxFrameBytes;

    public BinaryCodec(ProtocolLimits limits) {
        this.maxFrameBytes = requireNonNull(limits, "limits").maxFrameBytes();
    }

    @Override
    public byte[] encode(Frame frame) {
        BinaryWriter w = new BinaryWriter();
        w.u8(Frame.VERSION).u8(frame.type().code());
        switch (frame) {
            case Frame.Auth f -> w.str(f.token());
            case Frame.Ping f -> { }
            case Frame.Pong f -> { }
            case Frame.Ack f -> w.i64(f.msgId().value());
            case Frame.Send f -> {
                switch (f.to()) {
                    case Target.User u -> w.u8(TARGET_USER).i64(u.userId().value());
                    case Target.Group g -> w.u8(TARGET_GROUP).i64(g.groupId().value());
                }
                w.str(f.clientMsgId()).body(f.body());
            }
            case Frame.Uplink f -> w.str(f.clientMsgId()).body(f.body());
            case Frame.AuthOk f -> w.i64(f.userId().value()).str(f.deviceId().value()).str(f.nodeId().value())
                    .i64(f.heartbeat().toMillis());
            case Frame.Push f -> {
                int flags = (f.needsAck() ? PUSH_NEEDS_ACK : 0) | (f.from() != null ? PUSH_HAS_FROM : 0);
                w.i64(f.msgId().value()).u8(flags);
                if (f.from() != null) {
                    w.i64(f.from().value());
                }
                w.body(f.body());
            }
            case Frame.Receipt f -> w.str(f.clientMsgId()).i64(f.msgId().value()).u8(f.status().code());
            case Frame.Reconnect f -> w.i64(f.delay().toMillis()).str(f.reason());
            case Frame.Error f -> w.u16(f.code()).str(f.message());
        }
        byte[] bytes = w.toByteArray();
        if (bytes.length > maxFrameBytes) {
            throw new ProtocolException(CloseCode.FRAME_TOO_LARGE,
                    "frame: " + bytes.length + " bytes (expected: <= " + maxFrameBytes + ")");
        }
        return bytes;
    }

    @Override
    public Frame decode(ByteBuffer bytes) {
        if (bytes.remaining() > maxFrameBytes) {
            throw new ProtocolException(CloseCode.FRAME_TOO_LARGE,
                    "frame: " + bytes.remaining() + " bytes (expected: <= " + maxFrameBytes + ")");
        }
        if (bytes.remaining() < 2) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "frame: " + bytes.remaining() + " bytes (expected: >= 2, version and type)");
        }
        int version = bytes.get() & 0xFF;
        if (version != Frame.VERSION) {
            throw new ProtocolException(CloseCode.UNSUPPORTED_VERSION,
                    "version: " + version + " (expected: " + Frame.VERSION + ")");
        }
        int code = bytes.get() & 0xFF;
        FrameType type = FrameType.ofCode(code);
        if (type == null) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "type: 0x" + Integer.toHexString(code) + " (unknown)");
        }
        try {
            Frame frame = readFields(type, bytes);
            if (bytes.hasRemaining()) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                        type.jsonName() + ": " + bytes.remaining() + " trailing bytes");
            }
            return frame;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, type.jsonName() + ": truncated");
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, type.jsonName() + ": " + e.getMessage());
        }
    }

    private static Frame readFields(FrameType type, ByteBuffer in) {
        return switch (type) {
            case AUTH -> new Frame.Auth(str(in, "token"));
            case PING -> new Frame.Ping();
            case PONG -> new Frame.Pong();
            case ACK -> new Frame.Ack(new MessageId(in.getLong()));
            case SEND -> {
                Target to = target(in);
                String clientMsgId = str(in, "clientMsgId");
                RawJson body = body(in);
                yield new Frame.Send(to, body, clientMsgId);
            }
            case UPLINK -> {
                String clientMsgId = str(in, "clientMsgId");
                yield new Frame.Uplink(body(in), clientMsgId);
            }
            case AUTH_OK -> new Frame.AuthOk(new UserId(in.getLong()), new DeviceId(str(in, "deviceId")),
                    new NodeId(str(in, "nodeId")), Duration.ofMillis(in.getLong()));
            case PUSH -> {
                MessageId msgId = new MessageId(in.getLong());
                int flags = in.get() & 0xFF;
                if ((flags & ~(PUSH_NEEDS_ACK | PUSH_HAS_FROM)) != 0) {
                    throw new IllegalArgumentException("flags: 0x" + Integer.toHexString(flags) + " (unknown bits)");
                }
                UserId from = (flags & PUSH_HAS_FROM) != 0 ? new UserId(in.getLong()) : null;
                yield new Frame.Push(msgId, body(in), (flags & PUSH_NEEDS_ACK) != 0, from);
            }
            case RECEIPT -> {
                String clientMsgId = str(in, "clientMsgId");
                MessageId msgId = new MessageId(in.getLong());
                int status = in.get() & 0xFF;
                ReceiptStatus s = ReceiptStatus.ofCode(status);
                if (s == null) {
                    throw new IllegalArgumentException("status: " + status + " (unknown)");
                }
                yield new Frame.Receipt(clientMsgId, msgId, s);
            }
            case RECONNECT -> new Frame.Reconnect(Duration.ofMillis(in.getLong()), str(in, "reason"));
            case ERROR -> new Frame.Error(in.getShort() & 0xFFFF, str(in, "message"));
        };
    }

    private static Target target(ByteBuffer in) {
        int kind = in.get() & 0xFF;
        long id = in.getLong();
        return switch (kind) {
            case TARGET_USER -> new Target.User(new UserId(id));
            case TARGET_GROUP -> new Target.Group(new GroupId(id));
            default -> throw new IllegalArgumentException("target kind: " + kind + " (expected: 1 user or 2 group)");
        };
    }

    /** A u16-length-prefixed UTF-8 string. */
    private static String str(ByteBuffer in, String field) {
        int length = in.getShort() & 0xFFFF;
        return Utf8.decode(slice(in, length, field), field);
    }

    /** A u32-length-prefixed UTF-8 JSON value. */
    private static RawJson body(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            throw new IllegalArgumentException("body length: " + Integer.toUnsignedString(length) + " (too large)");
        }
        return JsonBodies.requireOneValue(Utf8.decode(slice(in, length, "body"), "body"));
    }

    /** The next {@code length} bytes, checked against what is left before anything is allocated. */
    private static ByteBuffer slice(ByteBuffer in, int length, String field) {
        if (length > in.remaining()) {
            throw new IllegalArgumentException(field + " length: " + length + " (only " + in.remaining() + " bytes left)");
        }
        ByteBuffer part = in.slice(in.position(), length);
        in.position(in.position() + length);
        return part;
    }

    /** Grows a byte array as fields are appended; frames are small, so one copy at the end is fine. */
    private static final class BinaryWriter {
        private byte[] buf = new byte[64];
        private int size;

        BinaryWriter u8(int v) {
            ensure(1);
            buf[size++] = (byte) v;
            return this;
        }

        BinaryWriter u16(int v) {
            ensure(2);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
            return this;
        }

        BinaryWriter i32(int v) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
            return this;
        }

        BinaryWriter i64(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
            return this;
        }

        BinaryWriter str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("string field: " + b.length + " bytes (expected: <= 65535)");
            }
            return u16(b.length).bytes(b);
        }

        BinaryWriter body(RawJson body) {
            byte[] b = body.json().getBytes(StandardCharsets.UTF_8);
            return i32(b.length).bytes(b);
        }

        private BinaryWriter bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
            return this;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                byte[] next = new byte[Math.max(buf.length * 2, size + more)];
                System.arraycopy(buf, 0, next, 0, size);
                buf = next;
            }
        }

        byte[] toByteArray() {
            byte[] out = new byte[size];
            System.arraycopy(buf, 0, out, 0, size);
            return out;
        }
    }
}
