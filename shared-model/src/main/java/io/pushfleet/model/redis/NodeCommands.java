package io.pushfleet.model.redis;

/** Field names and values of entries on a node's command stream ({@link RedisKeys#nodeStream}). */
public final class NodeCommands {

    /** Entry field naming the command. */
    public static final String TYPE = "type";
    /** Close the connection named by {@link #USER}, {@link #DEVICE} and {@link #ROUTE}: it was replaced elsewhere. */
    public static final String KICK = "kick";

    public static final String USER = "user";
    public static final String DEVICE = "device";
    public static final String ROUTE = "route";

    /** Command streams are trimmed to about this many entries. */
    public static final long MAX_LENGTH = 100_000;

    private NodeCommands() {
    }
}
