package io.pushfleet.edge.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.registry.NodeState;
import io.pushfleet.model.token.TokenException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Every meter the edge publishes. Counters are created up front (one per transport, close code and auth
 * failure reason), so counting on the hot path is a map lookup and an add, never a registration.
 * Thread-safe.
 */
public final class EdgeMetrics {

    /** Close reason tag when the client (or the network) closed first. */
    public static final String PEER_CLOSED = "peer_closed";
    /** Auth failure reasons that are not token problems. */
    public static final String AUTH_REQUIRED = "auth_required";

    /** Where a push entry came from, as the {@code stream} tag of {@code edge_push_entries_total}. */
    public enum PushSource {
        /** This node's command stream: admin pushes, offline replays, chat relayed by other edges. */
        NODE,
        /** The broadcast stream every edge reads. */
        BROADCAST,
        /** Chat a client of this node sent to a user on this node. */
        CHAT
    }

    /** A route-table write, as the {@code op} tag of {@code edge_route_writes_failed_total}. */
    public enum RouteWrite {
        /** Pointing a device's route here on connect. */
        SET,
        /** Compare-and-deleting it on disconnect. */
        DELETE,
        /** Asking the route's earlier node to close the replaced connection. */
        KICK
    }

    private final MeterRegistry registry;
    private final Map<Transport, Counter> connects = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> connectsLimited = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> framesIn = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> framesOut = new EnumMap<>(Transport.class);
    private final Map<CloseCode, Counter> closes = new EnumMap<>(CloseCode.class);
    private final Counter peerCloses;
    private final Map<TokenException.Reason, Counter> tokenFailures = new EnumMap<>(TokenException.Reason.class);
    private final Counter authRequired;
    private final Counter authSuccesses;
    private final Counter pushesWritten;
    private final Counter pushesUnwritable;
    private final Map<PushSource, Counter> pushEntries = new EnumMap<>(PushSource.class);
    private final Timer broadcastFanOut;
    private final Counter acks;
    private final Counter kafkaOk;
    private final Counter kafkaFailed;
    private final Map<ReceiptStatus, Counter> receipts = new EnumMap<>(ReceiptStatus.class);
    private final Counter chatRelays;
    private final Counter duplicatesSuppressed;
    private final Counter sendsResumed;
    private final Map<String, Counter> events = new HashMap<>();
    private final Counter eventsFailed;
    private final Counter drainReconnects;
    private final Map<RouteWrite, Counter> routeWriteFailures = new EnumMap<>(RouteWrite.class);

    public EdgeMetrics(MeterRegistry registry, ConnectionRegistry connections, ProcessStats stats) {
        this.registry = requireNonNull(registry, "registry");
        for (Transport t : Transport.values()) {
            connects.put(t, Counter.builder("edge.connects").description("Accepted connections")
                    .tag("transport", t.tag()).register(registry));
            connectsLimited.put(t, Counter.builder("edge.connects.limited")
                    .description("Connections refused for being over the per-address connect limit")
                    .tag("transport", t.tag()).register(registry));
            framesIn.put(t, Counter.builder("edge.frames.in").description("Frames decoded from clients")
                    .tag("transport", t.tag()).register(registry));
            framesOut.put(t, Counter.builder("edge.frames.out").description("Frames encoded to clients")
                    .tag("transport", t.tag()).register(registry));
        }
        for (CloseCode code : CloseCode.values()) {
            if (code.fatal()) {
                closes.put(code, closeCounter(tag(code)));
            }
        }
        peerCloses = closeCounter(PEER_CLOSED);
        for (TokenException.Reason reason : TokenException.Reason.values()) {
            tokenFailures.put(reason, authFailureCounter(reason.name().toLowerCase(Locale.ROOT)));
        }
        authRequired = authFailureCounter(AUTH_REQUIRED);
        authSuccesses = Counter.builder("edge.auth.successes").description("Connections authenticated").register(registry);
        pushesWritten = Counter.builder("edge.pushes.written").description("Push frames written to connections")
                .register(registry);
        pushesUnwritable = Counter.builder("edge.pushes.skipped")
                .description("Push frames not written because the connection was over its write high-water mark")
                .tag("reason", "unwritable").register(registry);
        for (PushSource source : PushSource.values()) {
            pushEntries.put(source, Counter.builder("edge.push.entries").description("Push entries processed")
                    .tag("stream", lowerCase(source)).register(registry));
        }
        broadcastFanOut = Timer.builder("edge.broadcast.fanout")
                .description("From reading a broadcast entry to its frame written on every event loop").register(registry);
        acks = Counter.builder("edge.acks").description("Acks received from clients").register(registry);
        kafkaOk = Counter.builder("edge.kafka.produce").description("Uplink records produced to Kafka")
                .tag("result", "ok").register(registry);
        kafkaFailed = Counter.builder("edge.kafka.produce").description("Uplink records produced to Kafka")
                .tag("result", "failed").register(registry);
        for (ReceiptStatus status : ReceiptStatus.values()) {
            receipts.put(status, Counter.builder("edge.receipts").description("Receipts sent to clients")
                    .tag("status", status.jsonName()).register(registry));
        }
        chatRelays = Counter.builder("edge.chat.relays")
                .description("Chat push entries appended to other nodes' command streams").register(registry);
        duplicatesSuppressed = Counter.builder("edge.send.duplicates")
                .description("Repeated sends and uplinks answered with the first receipt, not produced again")
                .register(registry);
        sendsResumed = Counter.builder("edge.send.resumed")
                .description("Sends and uplinks produced under an earlier attempt's msgId (it failed or its lease expired)")
                .register(registry);
        for (String type : new String[] {"delivered", "acked", "connected", "undeliverable"}) {
            events.put(type, Counter.builder("edge.events").description("Events appended to the events stream")
                    .tag("type", type).register(registry));
        }
        eventsFailed = Counter.builder("edge.events.failed")
                .description("Events that could not be appended to the events stream").register(registry);
        drainReconnects = Counter.builder("edge.drain.reconnects")
                .description("Reconnect frames sent to move clients off this node (drain or shutdown)").register(registry);
        for (RouteWrite op : RouteWrite.values()) {
            routeWriteFailures.put(op, Counter.builder("edge.route.writes.failed")
                    .description("Route-table writes to Redis that failed or timed out").tag("op", lowerCase(op))
                    .register(registry));
        }
        Gauge.builder("edge.connections", connections, ConnectionRegistry::openCount)
                .description("Open client connections, authenticated or not").register(registry);
        Gauge.builder("edge.connections.authenticated", connections, ConnectionRegistry::authenticatedCount)
                .description("Authenticated client connections").register(registry);
        Gauge.builder("edge.memory.heap.used", stats, ProcessStats::heapUsedBytes).baseUnit("bytes").register(registry);
        Gauge.builder("edge.memory.heap.max", stats, ProcessStats::heapMaxBytes).baseUnit("bytes").register(registry);
        Gauge.builder("edge.memory.direct.used", stats, ProcessStats::directUsedBytes).baseUnit("bytes").register(registry);
    }

    /** Registers the event-loop lag gauge (the probe exists only once the loops do). */
    public void bindLoopLag(LoopLagProbe probe) {
        Gauge.builder("edge.eventloop.lag", probe, p -> p.maxLagMicros() / 1_000_000.0).baseUnit("seconds")
                .description("Worst delay of a task submitted to an event loop, last probe").register(registry);
    }

    /** Registers which provider checks token signatures ({@code conscrypt} or {@code jdk}): always 1, the tag says. */
    public void bindTokenSignatures(String provider) {
        Gauge.builder("edge.token.signature.provider", () -> 1).tag("provider", provider)
                .description("Who checks token signatures; the slow JDK path costs ~0.5 ms more CPU per connect")
                .register(registry);
    }

    /** Registers the drain gauge: 1 while an operator's drain or a shutdown moves clients away, else 0. */
    public void bindDrainState(NodeStatus status) {
        Gauge.builder("edge.draining", status, s -> s.registryState() == NodeState.DRAINING ? 1 : 0)
                .description("1 while the node is draining (operator drain or shutdown), else 0").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void connected(Transport transport) {
        connects.get(transport).increment();
    }

    public void connectLimited(Transport transport) {
        connectsLimited.get(transport).increment();
    }

    public void frameIn(Transport transport) {
        framesIn.get(transport).increment();
    }

    public void frameOut(Transport transport) {
        framesOut.get(transport).increment();
    }

    /** Counts a finished connection by its close code, or as {@link #PEER_CLOSED} when {@code code} is null. */
    public void closed(CloseCode code) {
        Counter c = code == null ? peerCloses : closes.get(code);
        if (c != null) {
            c.increment();
        }
    }

    public void authFailed(TokenException.Reason reason) {
        tokenFailures.get(reason).increment();
    }

    public void authRequired() {
        authRequired.increment();
    }

    public void authSucceeded() {
        authSuccesses.increment();
    }

    /** Counts {@code count} push frames written on {@code transport}; they bypass the frame encoders. */
    public void pushesWritten(Transport transport, int count) {
        if (count > 0) {
            pushesWritten.increment(count);
            framesOut.get(transport).increment(count);
        }
    }

    public void pushesUnwritable(int count) {
        if (count > 0) {
            pushesUnwritable.increment(count);
        }
    }

    public void pushEntry(PushSource source) {
        pushEntries.get(source).increment();
    }

    public void broadcastFanOut(Duration took) {
        broadcastFanOut.record(took);
    }

    public void acked() {
        acks.increment();
    }

    public void kafkaProduced(boolean ok) {
        (ok ? kafkaOk : kafkaFailed).increment();
    }

    public void receipt(ReceiptStatus status) {
        receipts.get(status).increment();
    }

    public void drainReconnectSent() {
        drainReconnects.increment();
    }

    public void chatRelayed() {
        chatRelays.increment();
    }

    public void duplicateSuppressed() {
        duplicatesSuppressed.increment();
    }

    public void sendResumed() {
        sendsResumed.increment();
    }

    public void routeWriteFailed(RouteWrite op) {
        routeWriteFailures.get(op).increment();
    }

    /** Counts one event appended ({@code ok}) or lost, by its type name ({@code FleetEvent.*.NAME}). */
    public void event(String type, boolean ok) {
        if (!ok) {
            eventsFailed.increment();
            return;
        }
        Counter c = events.get(type);
        if (c != null) {
            c.increment();
        }
    }

    /**
     * The timer of how long entries of {@code stream} ({@code node} or {@code broadcast}) waited between their
     * append to Redis and their reading here: the edge's lag behind that stream. Buckets from 1 ms to 10 s, for
     * quantiles in PromQL.
     */
    public Timer streamDelay(String stream) {
        return Timer.builder("edge.stream.delay")
                .description("From an entry's append to Redis (its id's time) to its reading by this edge")
                .tag("stream", stream)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
                        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10))
                .register(registry);
    }

    /** The tag value of a close code: its lower-case name. */
    public static String tag(CloseCode code) {
        return code == null ? PEER_CLOSED : lowerCase(code);
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private Counter closeCounter(String reason) {
        return Counter.builder("edge.closes").description("Closed connections by reason").tag("reason", reason)
                .register(registry);
    }

    private Counter authFailureCounter(String reason) {
        return Counter.builder("edge.auth.failures").description("Refused authentications by reason")
                .tag("reason", reason).register(registry);
    }
}
