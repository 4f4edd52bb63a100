package io.pushfleet.client;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Blocking client of the control plane's auth API ({@code POST /api/auth/register}, {@code /api/auth/login}
 * and {@code /api/auth/refresh}). An error answer throws {@link ApiException} with the status and the stable
 * error code; a transport failure or timeout throws {@link UncheckedIOException} (its cause is an
 * {@link java.net.http.HttpTimeoutException} for timeouts). Thread-safe; close it to release its HTTP
 * client. Retrying is left to the caller. Passwords and tokens are never logged.
 *
 * <p>At most {@link Builder#maxConcurrentRequests} requests are in flight at once; more wait for a slot (up to the
 * request timeout). The JDK's HTTP client runs requests to one control plane over one HTTP/2 connection and fails
 * those past the server's stream limit at once with "too many concurrent streams" instead of queueing them
 * (JDK-8225647): a thousand sessions refreshing together, as in a drain, would otherwise find the control plane
 * "unreachable".
 */
public final class ControlPlaneClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneClient.class);

    private final URI baseUri;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final int maxConcurrentRequests;
    private final Semaphore requestSlots;

    private ControlPlaneClient(Builder b) {
        String base = b.baseUri.toString();
        this.baseUri = URI.create(base.endsWith("/") ? base : base + "/");
        this.requestTimeout = b.requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.requestSlots = new Semaphore(b.maxConcurrentRequests);
    }

    /** A builder for a client of the control plane at {@code baseUri}, for example {@code http://cp:8080}. */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    public URI baseUri() {
        return baseUri;
    }

    /** Creates an account; answers the new user's id. 409 means the name is taken, 400 that it is invalid. */
    public UserId register(String username, String password) {
        requireCredentials(username, password);
        return post("api/auth/register", jsonRequest()
                .POST(HttpRequest.BodyPublishers.ofByteArray(ControlPlaneJson.registerRequest(username, password))),
                ControlPlaneJson::registered);
    }

    /** Logs a device in; answers the token and the edge to connect to. 401 means bad credentials. */
    public LoginResponse login(String username, String password, DeviceId deviceId) {
        requireCredentials(username, password);
        requireNonNull(deviceId, "deviceId");
        LoginResponse response = post("api/auth/login", jsonRequest()
                .POST(HttpRequest.BodyPublishers.ofByteArray(ControlPlaneJson.loginRequest(username, password, deviceId))),
                ControlPlaneJson::loginResponse);
        log.debug("logged in deviceId={} nodeId={} fallbacks={}", deviceId, response.edge().nodeId(),
                response.fallbacks().size());
        return response;
    }

    /**
     * A login's answer (new token, freshly selected edge) for the user and device of {@code token}, without the
     * password: no bcrypt on the control plane. The token may have expired a while ago (the control plane's
     * {@code push.token.refresh-grace}); 401 means it is refused (forged, too old): log in with the password.
     */
    public LoginResponse refresh(String token) {
        requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token: empty (expected: a JWT)");
        }
        LoginResponse response = post("api/auth/refresh", HttpRequest.newBuilder()
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()), ControlPlaneJson::loginResponse);
        log.debug("refreshed nodeId={} fallbacks={}", response.edge().nodeId(), response.fallbacks().size());
        return response;
    }

    private static HttpRequest.Builder jsonRequest() {
        return HttpRequest.newBuilder()
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private <T> T post(String path, HttpRequest.Builder builder, Function<byte[], T> parse) {
        HttpRequest request = builder.uri(baseUri.resolve(path)).timeout(requestTimeout).build();
        HttpResponse<byte[]> response;
        try {
            if (!requestSlots.tryAcquire(requestTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new HttpTimeoutException("no request slot free within " + requestTimeout + " ("
                        + maxConcurrentRequests + " requests in flight, maxConcurrentRequests)");
            }
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } finally {
                requestSlots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("POST /" + path + ": interrupted"));
        } catch (IOException e) {
            throw new UncheckedIOException("POST /" + path + ": " + e, e);
        }
        int status = response.statusCode();
        log.debug("POST /{} -> {}", path, status);
        if (status < 200 || status > 299) {
            throw ControlPlaneJson.error(status, response.body());
        }
        try {
            return parse.apply(response.body());
        } catch (IllegalArgumentException e) {
            // The message names the bad field only; the body itself may hold a token.
            throw new ApiException(status, ApiException.UNEXPECTED_RESPONSE, e.getMessage(), null);
        }
    }

    private static void requireCredentials(String username, String password) {
        requireNonNull(username, "username");
        requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username: empty (expected: 1 or more characters)");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password: empty (expected: 1 or more characters)");
        }
    }

    /** Stops the HTTP client; requests in flight are aborted. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    @Override
    public String toString() {
        return "ControlPlaneClient[" + baseUri + "]";
    }

    /** Settings of a {@link ControlPlaneClient}; every setter states its default. */
    public static final class Builder {
        private final URI baseUri;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxConcurrentRequests = 64;

        private Builder(URI baseUri) {
            requireNonNull(baseUri, "baseUri");
            String scheme = baseUri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("baseUri: " + baseUri + " (expected: an http:// or https:// URL)");
            }
            this.baseUri = baseUri;
        }

        /** Time to open the TCP (and TLS) connection to the control plane. Default 5 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Durations.requirePositive("connectTimeout", connectTimeout);
            return this;
        }

        /** Time from sending a request to the response headers. Default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Durations.requirePositive("requestTimeout", requestTimeout);
            return this;
        }

        /**
         * Requests in flight at once; the rest wait for a slot, for at most the request timeout. Default 64, below
         * the 100 streams an HTTP/2 server usually allows on a connection.
         */
        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            if (maxConcurrentRequests < 1 || maxConcurrentRequests > 10_000) {
                throw new IllegalArgumentException("maxConcurrentRequests: " + maxConcurrentRequests
                        + " (expected: 1..10000)");
            }
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        public ControlPlaneClient build() {
            return new ControlPlaneClient(this);
        }
    }
}
