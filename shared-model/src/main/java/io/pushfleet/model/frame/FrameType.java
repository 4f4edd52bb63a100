package io.pushfleet.model.frame;

/**
 * Every frame type with its binary type byte and its JSON {@code type} name (docs/protocol.md, section 2).
 * Client-to-server types have the high bit clear, server-to-client types have it set.
 */
public enum FrameType {
    AUTH(0x01, "auth"),
    PING(0x02, "ping"),
    ACK(0x03, "ack"),
    SEND(0x04, "send"),
    UPLINK(0x05, "uplink"),
    AUTH_OK(0x81, "auth_ok"),
    PONG(0x82, "pong"),
    PUSH(0x83, "push"),
    RECEIPT(0x84, "receipt"),
    RECONNECT(0x85, "reconnect"),
    ERROR(0x86, "error");

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String jsonName;

    FrameType(int code, String jsonName) {
        this.code = code;
        this.jsonName = jsonName;
    }

    public int code() {
        return code;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean fromClient() {
        return (code & 0x80) == 0;
    }

    /** The type with this binary code, or {@code null} when there is none. */
    public static FrameType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The type with this JSON name, or {@code null} when there is none. */
    public static FrameType ofJsonName(String name) {
        for (FrameType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
