package io.pushfleet.model.frame;

/** What happened to a client's {@code send}: accepted by the server, or refused with a reason. */
public enum ReceiptStatus {
    /** Stored and on its way; delivery continues in the background. */
    ACCEPTED(0, "accepted"),
    /** The sender is not a member of the target group. */
    NOT_MEMBER(1, "not_member"),
    /** The target user or group does not exist. */
    UNKNOWN_TARGET(2, "unknown_target"),
    /** The server could not take the message now; the client may retry with the same clientMsgId. */
    FAILED(3, "failed");

    private final int code;
    private final String jsonName;

    ReceiptStatus(int code, String jsonName) {
        this.code = code;
        this.jsonName = jsonName;
    }

    public int code() {
        return code;
    }

    public String jsonName() {
        return jsonName;
    }

    public static ReceiptStatus ofCode(int code) {
        for (ReceiptStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    public static ReceiptStatus ofJsonName(String name) {
        for (ReceiptStatus s : values()) {
            if (s.jsonName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
