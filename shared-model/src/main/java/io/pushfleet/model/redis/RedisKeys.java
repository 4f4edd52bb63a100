package io.pushfleet.model.redis;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

/**
 * Every Redis key the fleet uses (docs/redis.md). The part in braces is the Redis Cluster hash tag:
 * all keys of one user share a slot, and so do all keys of one node.
 */
public final class RedisKeys {

    /** Sorted set of node ids, scored by the epoch millis of each node's last registry report. */
    public static final String NODES = "nodes";
    /**
     * Set of every node id that ever started, added by each edge before it registers a route. The route
     * auditor finds the connection sets and streams of dead nodes through it (and {@link #NODES}) without
     * {@code KEYS} or a keyspace {@code SCAN}, and removes a node once nothing of it is left.
     */
    public static final String KNOWN_NODES = "nodes:known";
    /** Hash: {@code kid} to public JWK (JSON) of every key tokens may be signed with. */
    public static final String JWKS = "auth:jwks";
    /** Stream every edge reads: broadcast pushes. */
    public static final String BROADCAST_STREAM = "stream:broadcast";
    /** Stream the control plane reads in a consumer group: connect, disconnect and delivery events. */
    public static final String EVENTS_STREAM = "stream:events";

    /**
     * Hash: the edge selection setting every control plane follows ({@code version}, {@code strategy},
     * {@code weights} as {@code edge-a=3,edge-b=1}, {@code updatedAt} epoch millis), written by
     * {@code PUT /api/admin/routing}. Absent: each control plane uses its configured strategy.
     */
    public static final String ROUTING_SETTING = "routing:setting";

    /**
     * Hash of the nodes an operator drained (DESIGN 3.10): field = node id, value = epoch millis the drain was
     * asked for. Outlives the node's runs, so a drained node that restarts stays drained until undrained.
     */
    public static final String DRAINING = "nodes:draining";

    /** Consumer group of the control plane on {@link #EVENTS_STREAM}. */
    public static final String EVENTS_GROUP = "control-plane";
    /** String with a TTL: the lease of the one control plane that runs the route auditor (a random token). */
    public static final String AUDIT_LOCK = "audit:lock";
    /** String (JSON) with a TTL: the route auditor's last report, read by every control plane's admin API. */
    public static final String AUDIT_REPORT = "audit:report";
    /** Counter handing out message-id worker ids to processes at start ({@code INCR}, modulo 1024). */
    public static final String WORKER_IDS = "idgen:worker";

    private RedisKeys() {
    }

    /** Hash of one user's routes: field = device id, value = {@link RouteValue}. */
    public static String route(UserId userId) {
        return "route:{" + userId.value() + "}";
    }

    /** Set of the connections a node holds, as {@link NodeConnection} members, so its routes can be fenced. */
    public static String nodeConnections(NodeId nodeId) {
        return "node:{" + nodeId.value() + "}:conns";
    }

    /** String (JSON {@code NodeInfo}) with a TTL: the node's last registry report. */
    public static String nodeInfo(NodeId nodeId) {
        return "node:{" + nodeId.value() + "}:info";
    }

    /** Set of a group's member user ids, kept by the control plane from MySQL for edges to fan out chat. */
    public static String groupMembers(GroupId groupId) {
        return "group:{" + groupId.value() + "}:members";
    }

    /**
     * Counter with a TTL of one window: the control plane's count of {@code action} attempts (for example
     * {@code login:ip}) by {@code subject} (an address or a lower-case username) in the current window.
     */
    public static String rateLimit(String action, String subject) {
        return "ratelimit:" + action + ":" + subject;
    }

    /**
     * String with a TTL: what became of one client message ({@code send} or {@code uplink}) of a user's device,
     * as a {@link ClientMessageState}, so a repeat on any edge is answered with the first receipt
     * ({@link ClientMessageScripts}). {@code clientMsgId} is the client's text as it came (1..64 characters).
     */
    public static String clientMessage(UserId userId, DeviceId deviceId, String clientMsgId) {
        return "clientmsg:{" + userId.value() + "}:" + deviceId.value() + ":" + clientMsgId;
    }

    /** Stream of commands for one node: {@link PushCommand}s, kicks, drain and undrain ({@link NodeCommands}). */
    public static String nodeStream(NodeId nodeId) {
        return "node:{" + nodeId.value() + "}:stream";
    }
}
