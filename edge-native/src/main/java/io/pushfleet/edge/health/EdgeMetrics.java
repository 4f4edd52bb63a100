package io.pushfleet.edge.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.token.TokenException;

import java.util.EnumMap;
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

    private final MeterRegistry registry;
    private final Map<Transport, Counter> connects = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> framesIn = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter> framesOut = new EnumMap<>(Transport.class);
    private final Map<CloseCode, Counter> closes = new EnumMap<>(CloseCode.class);
    private final Counter peerCloses;
    private final Map<TokenException.Reason, Counter> tokenFailures = new EnumMap<>(TokenException.Reason.class);
    private final Counter authRequired;
    private final Counter authSuccesses;

    public EdgeMetrics(MeterRegistry registry, ConnectionRegistry connections, ProcessStats stats) {
        this.registry = requireNonNull(registry, "registry");
        for (Transport t : Transport.values()) {
            connects.put(t, Counter.builder("edge.connects").description("Accepted connections")
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

    public MeterRegistry registry() {
        return registry;
    }

    public void connected(Transport transport) {
        connects.get(transport).increment();
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

    /** The tag value of a close code: its lower-case name. */
    public static String tag(CloseCode code) {
        return code == null ? PEER_CLOSED : code.name().toLowerCase(Locale.ROOT);
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
