package io.pushfleet.model.redis;

/** Field names and values of entries on a node's command stream ({@link RedisKeys#nodeStream}). */
public final class NodeCommands {

    /** Entry field naming the command. */
    public static final String TYPE = "type";
    /** Close the connection named by {@link #USER}, {@link #DEVICE} and {@link #ROUTE}: it was replaced elsewhere. */
    public static final String KICK = "kick";
    /**
     * DESIGN 3.10: stop taking new clients and ask the connected ones to reconnect elsewhere. No fields: the
     * durable mark under {@link RedisKeys#DRAINING} is written first and is what counts.
     */
    public static final String DRAIN = "drain";
    /** Reverses {@link #DRAIN}; the mark under {@link RedisKeys#DRAINING} is removed first. */
    public static final String UNDRAIN = "undrain";

    public static final String USER = "user";
    public static final String DEVICE = "device";
    public static final String ROUTE = "route";

    /** Command streams are trimmed to about this many entries. */
    public static final long MAX_LENGTH = 100_000;

    private NodeCommands() {
    }
}
