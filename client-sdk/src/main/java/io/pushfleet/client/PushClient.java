package io.pushfleet.client;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The SDK's front door: logs in through the control plane and connects to the edge it picked, falling back
 * to the next listed edge when one cannot be reached. {@link #connect} connects once; a {@link #session}
 * stays connected (reconnects with backoff, buffers messages, drops duplicate pushes). All its connections
 * and sessions share one timer thread and one WebSocket client; closing it closes them.
 */
public final class PushClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushClient.class);

    private final ControlPlaneClient controlPlane;
    private final ConnectOptions options;
    private final EdgeConnector connector = new EdgeConnector("pushfleet-client");
    private final Set<PushSession> sessions = ConcurrentHashMap.newKeySet();

    private PushClient(Builder b) {
        this.controlPlane = ControlPlaneClient.builder(b.controlPlane).requestTimeout(b.requestTimeout).build();
        this.options = b.options;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ControlPlaneClient controlPlane() {
        return controlPlane;
    }

    public ConnectOptions options() {
        return options;
    }

    /** See {@link ControlPlaneClient#register}. */
    public UserId register(String username, String password) {
        return controlPlane.register(username, password);
    }

    /** See {@link ControlPlaneClient#login}. */
    public LoginResponse login(String username, String password, DeviceId deviceId) {
        return controlPlane.login(username, password, deviceId);
    }

    /**
     * Connects with the login's token to its edge, then to each fallback in order while the failure is a
     * transport failure ({@link EdgeConnectException#transportFailure()}); a refusal by an edge (for
     * example an expired token) ends the attempt at once. Fails with the last {@link EdgeConnectException},
     * earlier ones attached as suppressed.
     */
    public CompletableFuture<EdgeConnection> connect(LoginResponse login, FrameListener listener) {
        requireNonNull(login, "login");
        requireNonNull(listener, "listener");
        return connectInOrder(login.edges(), edge -> connector.open(edge, login.token(), options, listener));
    }

    /** {@link #session(String, String, DeviceId, SessionOptions, SessionListener)} with default session options. */
    public PushSession session(String username, String password, DeviceId deviceId, SessionListener listener) {
        return session(username, password, deviceId, SessionOptions.defaults(), listener);
    }

    /**
     * Starts a session for this user and device: it logs in and connects in the background and stays
     * connected until closed (docs/client-sdk.md, "Sessions"). It keeps the password in memory to log in
     * again, and never logs it. Closing this client closes the session.
     */
    public PushSession session(String username, String password, DeviceId deviceId, SessionOptions sessionOptions,
                               SessionListener listener) {
        requireNonNull(username, "username");
        requireNonNull(password, "password");
        requireNonNull(deviceId, "deviceId");
        requireNonNull(sessionOptions, "sessionOptions");
        requireNonNull(listener, "listener");
        // A random generator of its own: a session only uses it under its lock.
        SessionRuntime runtime = new SessionRuntime(Scheduler.of(connector.timer()),
                task -> Thread.ofVirtual().name("pushfleet-session").start(task), new SplittableRandom(),
                () -> controlPlane.login(username, password, deviceId), controlPlane::refresh,
                (edge, token, frames) -> connector.open(edge, token, PushSession.connectionOptions(options), frames));
        PushSession session = PushSession.create(deviceId, sessionOptions, options, listener, runtime);
        sessions.add(session);
        session.closed().whenComplete((end, e) -> sessions.remove(session));
        session.start();
        return session;
    }

    /**
     * Opens the first edge of {@code edges}, then each next one while the failure is a transport failure
     * ({@link EdgeConnectException#transportFailure()}); a refusal by an edge (for example an expired token)
     * ends the attempt at once. Fails with the last {@link EdgeConnectException}, earlier ones suppressed.
     */
    static CompletableFuture<EdgeConnection> connectInOrder(List<EdgeAddress> edges,
                                                            Function<EdgeAddress, CompletableFuture<EdgeConnection>> open) {
        return attempt(edges, 0, open, new ArrayList<>());
    }

    private static CompletableFuture<EdgeConnection> attempt(List<EdgeAddress> edges, int index,
                                                             Function<EdgeAddress, CompletableFuture<EdgeConnection>> open,
                                                             List<Throwable> earlier) {
        EdgeAddress edge = edges.get(index);
        return open.apply(edge).exceptionallyCompose(e -> {
            Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            boolean tryNext = failure instanceof EdgeConnectException ce && ce.transportFailure()
                    && index + 1 < edges.size();
            if (tryNext) {
                log.warn("edge unreachable nodeId={} ({}); trying nodeId={}", edge.nodeId(),
                        ((EdgeConnectException) failure).closeReason().reason(), edges.get(index + 1).nodeId());
                earlier.add(failure);
                return attempt(edges, index + 1, open, earlier);
            }
            earlier.forEach(failure::addSuppressed);
            return CompletableFuture.failedFuture(failure);
        });
    }

    /** Closes every session and connection (waiting up to their close timeout), then the timer and HTTP clients. */
    @Override
    public void close() {
        sessions.forEach(PushSession::close);
        connector.close(options.closeTimeout());
        controlPlane.close();
    }

    /** Builds a {@link PushClient}; every setter states its default. */
    public static final class Builder {
        private URI controlPlane;
        private ConnectOptions options = ConnectOptions.defaults();
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The control plane's base URL, for example {@code http://127.0.0.1:8081}. Required. */
        public Builder controlPlane(URI controlPlane) {
            this.controlPlane = requireNonNull(controlPlane, "controlPlane");
            return this;
        }

        /** How connections are made. Default {@link ConnectOptions#defaults()}. */
        public Builder options(ConnectOptions options) {
            this.options = requireNonNull(options, "options");
            return this;
        }

        /** Timeout of each control-plane request. Default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Durations.requirePositive("requestTimeout", requestTimeout);
            return this;
        }

        public PushClient build() {
            if (controlPlane == null) {
                throw new IllegalStateException("controlPlane: not set (expected: the control plane's base URL)");
            }
            return new PushClient(this);
        }
    }
}
