package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link PushSession} on fakes: virtual time, blocking work run inline, a fixed "random" fraction, canned
 * logins and refreshes, and real {@link EdgeConnection}s over {@link FakeWire}s. Everything a test does runs to completion
 * on the test's thread, so assertions need no waiting.
 */
final class SessionHarness implements AutoCloseable {

    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), 2.0, 0.2, Duration.ofSeconds(30));
    static final EdgeAddress A = edge("edge-a");
    static final EdgeAddress B = edge("edge-b");
    static final EdgeAddress C = edge("edge-c");

    final VirtualScheduler scheduler = new VirtualScheduler();
    final SessionEvents listener = new SessionEvents();
    final List<FakeWire> wires = new CopyOnWriteArrayList<>();
    final Set<NodeId> unreachable = ConcurrentHashMap.newKeySet();
    /** Answers of the next logins (a LoginResponse or a RuntimeException to throw); then {@link #login()}. */
    final Queue<Object> loginAnswers = new ConcurrentLinkedQueue<>();
    final AtomicInteger logins = new AtomicInteger();
    /** Answers of the next refreshes, like {@link #loginAnswers}; then a login's answer with token {@code refresh-n}. */
    final Queue<Object> refreshAnswers = new ConcurrentLinkedQueue<>();
    final AtomicInteger refreshes = new AtomicInteger();
    /** The token each refresh was asked with, in order. */
    final List<String> refreshedTokens = new CopyOnWriteArrayList<>();
    /** What every "random" draw answers. */
    volatile double randomFraction = 0.5;
    ConnectOptions options = ConnectOptions.builder().autoHeartbeat(false).build();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    static EdgeAddress edge(String nodeId) {
        return new EdgeAddress(new NodeId(nodeId), URI.create("ws://" + nodeId + ":8080/ws"), nodeId, 9000);
    }

    /**
     * A login for edges A, B, C (in that order) with {@link #BACKOFF}, valid for an hour from virtual now; the
     * token of the n-th login is {@code token-n}.
     */
    LoginResponse login() {
        return new LoginResponse("token-" + logins.get(), scheduler.now().plusSeconds(3600), A, List.of(B, C),
                Duration.ofSeconds(30), BACKOFF);
    }

    LoginResponse loginExpiringAt(Instant expiresAt) {
        return new LoginResponse("token-expiring", expiresAt, A, List.of(B, C), Duration.ofSeconds(30), BACKOFF);
    }

    PushSession start(UnaryOperator<SessionOptions.Builder> settings) {
        RandomGenerator random = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is used");
            }

            @Override
            public double nextDouble() {
                return randomFraction;
            }
        };
        SessionRuntime runtime = new SessionRuntime(scheduler, Runnable::run, random, this::answerLogin, this::answerRefresh,
                (edge, token, l) -> new EdgeConnection(edge, PushSession.connectionOptions(options), l, timer, events -> {
                    FakeWire wire = new FakeWire(edge, events, !unreachable.contains(edge.nodeId()));
                    wires.add(wire);
                    return wire;
                }).start(token));
        PushSession session = PushSession.create(new DeviceId("phone-1"), settings.apply(SessionOptions.builder()).build(),
                options, listener, runtime);
        session.start();
        return session;
    }

    PushSession start() {
        return start(b -> b);
    }

    private LoginResponse answerLogin() {
        logins.incrementAndGet();
        return answer(loginAnswers.poll(), this::login);
    }

    private LoginResponse answerRefresh(String token) {
        refreshedTokens.add(token);
        int n = refreshes.incrementAndGet();
        return answer(refreshAnswers.poll(), () -> new LoginResponse("refresh-" + n, scheduler.now().plusSeconds(3600), A,
                List.of(B, C), Duration.ofSeconds(30), BACKOFF));
    }

    private static LoginResponse answer(Object canned, Supplier<LoginResponse> otherwise) {
        if (canned instanceof RuntimeException e) {
            throw e;
        }
        return canned != null ? (LoginResponse) canned : otherwise.get();
    }

    FakeWire lastWire() {
        assertThat(wires).as("connections opened").isNotEmpty();
        return wires.getLast();
    }

    /** The edge of the last opened connection answers {@code auth_ok}. */
    FakeWire authOk() {
        FakeWire wire = lastWire();
        wire.receive(new Frame.AuthOk(new UserId(42), new DeviceId("phone-1"), wire.edge.nodeId(), Duration.ofSeconds(30)));
        return wire;
    }

    /** Node ids of every connection opened, in order. */
    List<String> opened() {
        return wires.stream().map(w -> w.edge.nodeId().value()).toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
