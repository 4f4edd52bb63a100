package io.pushfleet.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The JSON mapping (docs/protocol.md, section 2): one object per frame with a {@code type} field, used in
 * WebSocket text frames by browsers and k6. Message ids travel as decimal strings; {@code body} is any
 * JSON value. Unknown fields are ignored, so later versions can add some; a {@code v} other than 1 is refused.
 */
public final class JsonCodec implements FrameCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonBodies.FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxFrameBytes;

    public JsonCodec(ProtocolLimits limits) {
        this.maxFrameBytes = requireNonNull(limits, "limits").maxFrameBytes();
    }

    @Override
    public byte[] encode(Frame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JsonBodies.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", Frame.VERSION);
            g.writeStringField("type", frame.type().jsonName());
            writeFields(frame, g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON write failed", e);
        }
        if (out.size() > maxFrameBytes) {
            throw new ProtocolException(CloseCode.FRAME_TOO_LARGE,
                    "frame: " + out.size() + " bytes (expected: <= " + maxFrameBytes + ")");
        }
        return out.toByteArray();
    }

    private static void writeFields(Frame frame, JsonGenerator g) throws IOException {
        switch (frame) {
            case Frame.Auth f -> g.writeStringField("token", f.token());
            case Frame.Ping f -> { }
            case Frame.Pong f -> { }
            case Frame.Ack f -> g.writeStringField("msgId", f.msgId().toString());
            case Frame.Send f -> {
                g.writeObjectFieldStart("to");
                switch (f.to()) {
                    case Target.User u -> g.writeNumberField("user", u.userId().value());
                    case Target.Group gr -> g.writeNumberField("group", gr.groupId().value());
                }
                g.writeEndObject();
                g.writeFieldName("body");
                g.writeRawValue(f.body().json());
                g.writeStringField("clientMsgId", f.clientMsgId());
            }
            case Frame.Uplink f -> {
                g.writeFieldName("body");
                g.writeRawValue(f.body().json());
                g.writeStringField("clientMsgId", f.clientMsgId());
            }
            case Frame.AuthOk f -> {
                g.writeNumberField("userId", f.userId().value());
                g.writeStringField("deviceId", f.deviceId().value());
                g.writeStringField("nodeId", f.nodeId().value());
                g.writeNumberField("heartbeatMs", f.heartbeat().toMillis());
            }
            case Frame.Push f -> {
                g.writeStringField("msgId", f.msgId().toString());
                g.writeFieldName("body");
                g.writeRawValue(f.body().json());
                g.writeBooleanField("needsAck", f.needsAck());
                if (f.from() != null) {
                    g.writeNumberField("from", f.from().value());
                }
            }
            case Frame.Receipt f -> {
                g.writeStringField("clientMsgId", f.clientMsgId());
                g.writeStringField("msgId", f.msgId().toString());
                g.writeStringField("status", f.status().jsonName());
            }
            case Frame.Reconnect f -> {
                g.writeNumberField("delayMs", f.delay().toMillis());
                g.writeStringField("reason", f.reason());
            }
            case Frame.Error f -> {
                g.writeNumberField("code", f.code());
                g.writeStringField("message", f.message());
            }
        }
    }

    @Override
    public Frame decode(ByteBuffer bytes) {
        if (bytes.remaining() > maxFrameBytes) {
            throw new ProtocolException(CloseCode.FRAME_TOO_LARGE,
                    "frame: " + bytes.remaining() + " bytes (expected: <= " + maxFrameBytes + ")");
        }
        return decode(Utf8.decode(bytes, "frame"));
    }

    /** Decodes one frame from its JSON text (the caller has applied the size limit to the bytes). */
    public Frame decode(String text) {
        JsonNode o;
        try {
            o = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "frame: not valid JSON");
        }
        if (o == null || !o.isObject()) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "frame: expected a JSON object");
        }
        JsonNode v = o.get("v");
        if (v != null && (!v.isIntegralNumber() || v.asLong() != Frame.VERSION)) {
            throw new ProtocolException(CloseCode.UNSUPPORTED_VERSION, "v: " + v + " (expected: " + Frame.VERSION + ")");
        }
        String typeName = Fields.text(o, "type");
        FrameType type = FrameType.ofJsonName(typeName);
        if (type == null) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, "type: '" + typeName + "' (unknown)");
        }
        try {
            return readFields(type, o);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR, type.jsonName() + ": " + e.getMessage());
        }
    }

    private static Frame readFields(FrameType type, JsonNode o) {
        return switch (type) {
            case AUTH -> new Frame.Auth(Fields.text(o, "token"));
            case PING -> new Frame.Ping();
            case PONG -> new Frame.Pong();
            case ACK -> new Frame.Ack(MessageId.parse(Fields.text(o, "msgId")));
            case SEND -> new Frame.Send(target(Fields.object(o, "to")), body(o), Fields.text(o, "clientMsgId"));
            case UPLINK -> new Frame.Uplink(body(o), Fields.text(o, "clientMsgId"));
            case AUTH_OK -> new Frame.AuthOk(new UserId(Fields.integer(o, "userId")),
                    new DeviceId(Fields.text(o, "deviceId")), new NodeId(Fields.text(o, "nodeId")),
                    Duration.ofMillis(Fields.integer(o, "heartbeatMs")));
            case PUSH -> {
                JsonNode from = o.get("from");
                yield new Frame.Push(MessageId.parse(Fields.text(o, "msgId")), body(o), Fields.bool(o, "needsAck"),
                        from == null || from.isNull() ? null : new UserId(Fields.integer(o, "from")));
            }
            case RECEIPT -> {
                String statusName = Fields.text(o, "status");
                ReceiptStatus status = ReceiptStatus.ofJsonName(statusName);
                if (status == null) {
                    throw new IllegalArgumentException("status: '" + statusName + "' (unknown)");
                }
                yield new Frame.Receipt(Fields.text(o, "clientMsgId"), MessageId.parse(Fields.text(o, "msgId")), status);
            }
            case RECONNECT -> new Frame.Reconnect(Duration.ofMillis(Fields.integer(o, "delayMs")), Fields.text(o, "reason"));
            case ERROR -> new Frame.Error((int) Fields.integer(o, "code"), Fields.text(o, "message"));
        };
    }

    private static Target target(JsonNode to) {
        JsonNode user = to.get("user");
        JsonNode group = to.get("group");
        if ((user == null) == (group == null)) {
            throw new IllegalArgumentException("to: expected exactly one of 'user' or 'group'");
        }
        return user != null ? new Target.User(new UserId(Fields.integer(to, "user")))
                : new Target.Group(new GroupId(Fields.integer(to, "group")));
    }

    private static RawJson body(JsonNode o) {
        JsonNode body = o.get("body");
        if (body == null) {
            throw new IllegalArgumentException("body: missing");
        }
        return new RawJson(body.toString());
    }

    /** Typed field access whose failures name the field and the expected type. */
    private static final class Fields {
        private Fields() {
        }

        static String text(JsonNode o, String field) {
            JsonNode v = o.get(field);
            if (v == null || !v.isTextual()) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, field + ": " + describe(v) + " (expected: a string)");
            }
            return v.textValue();
        }

        static long integer(JsonNode o, String field) {
            JsonNode v = o.get(field);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, field + ": " + describe(v) + " (expected: an integer)");
            }
            return v.longValue();
        }

        static boolean bool(JsonNode o, String field) {
            JsonNode v = o.get(field);
            if (v == null || !v.isBoolean()) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, field + ": " + describe(v) + " (expected: true or false)");
            }
            return v.booleanValue();
        }

        static JsonNode object(JsonNode o, String field) {
            JsonNode v = o.get(field);
            if (v == null || !v.isObject()) {
                throw new ProtocolException(CloseCode.PROTOCOL_ERROR, field + ": " + describe(v) + " (expected: an object)");
            }
            return v;
        }

        private static String describe(JsonNode v) {
            return v == null ? "missing" : v.getNodeType().name().toLowerCase();
        }
    }
}
