package io.pushfleet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ControlPlaneClientTest {

    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.secret-token-payload.sig";
    static final String PASSWORD = "correct horse battery staple";

    static String loginBody(String token, String expiresAt) {
        return """
                {"token":"%s","expiresAt":"%s",
                 "edge":{"nodeId":"edge-a","wsUrl":"ws://10.0.0.1:8080/ws","tcpHost":"10.0.0.1","tcpPort":9000},
                 "fallbacks":[{"nodeId":"edge-b","wsUrl":"ws://10.0.0.2:8080/ws","tcpHost":"10.0.0.2","tcpPort":9001},
                              {"nodeId":"edge-c","wsUrl":"wss://edge-c.example/ws","tcpHost":"edge-c.example","tcpPort":9002}],
                 "heartbeatSeconds":30,
                 "backoff":{"baseMs":500,"factor":2.0,"jitter":0.2,"maxMs":30000}}
                """.formatted(token, expiresAt);
    }

    private final FakeControlPlane cp = new FakeControlPlane();
    private final ControlPlaneClient client = ControlPlaneClient.builder(cp.uri()).build();

    @AfterEach
    void tearDown() {
        client.close();
        cp.close();
    }

    @Test
    void registerPostsCredentialsAsJsonAndReturnsUserId() throws Exception {
        cp.answer("/api/auth/register", 201, "{\"userId\":42}");

        UserId id = client.register("alice", PASSWORD);

        assertThat(id).isEqualTo(new UserId(42));
        FakeControlPlane.Request request = cp.nextRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.get("username").textValue()).isEqualTo("alice");
        assertThat(body.get("password").textValue()).isEqualTo(PASSWORD);
    }

    @Test
    void registerMapsConflictToApiExceptionWithStableCode() {
        cp.answer("/api/auth/register", 409,
                "{\"code\":\"username_taken\",\"message\":\"alice exists\",\"traceId\":\"t-409\"}");

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.register("alice", PASSWORD));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("username_taken");
        assertThat(e.errorMessage()).isEqualTo("alice exists");
        assertThat(e.traceId()).isEqualTo("t-409");
        assertThat(e).hasMessage("HTTP 409 username_taken: alice exists (traceId=t-409)");
    }

    @Test
    void registerMapsBadRequestToApiException() {
        cp.answer("/api/auth/register", 400, "{\"code\":\"invalid_username\",\"message\":\"too short\"}");

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.register("a", PASSWORD));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_username");
        assertThat(e.traceId()).isNull();
    }

    @Test
    void loginParsesTokenEdgesHeartbeatAndBackoff() throws Exception {
        cp.answer("/api/auth/login", 200, loginBody(TOKEN, "2030-01-02T03:04:05Z"));

        LoginResponse login = client.login("alice", PASSWORD, new DeviceId("phone-1"));

        assertThat(login.token()).isEqualTo(TOKEN);
        assertThat(login.expiresAt()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(login.edge()).isEqualTo(new EdgeAddress(new NodeId("edge-a"), URI.create("ws://10.0.0.1:8080/ws"),
                "10.0.0.1", 9000));
        assertThat(login.fallbacks()).extracting(EdgeAddress::nodeId)
                .containsExactly(new NodeId("edge-b"), new NodeId("edge-c"));
        assertThat(login.edges()).extracting(e -> e.nodeId().value()).containsExactly("edge-a", "edge-b", "edge-c");
        assertThat(login.heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(login.backoff()).isEqualTo(new Backoff(Duration.ofMillis(500), 2.0, 0.2, Duration.ofSeconds(30)));
        JsonNode body = new ObjectMapper().readTree(cp.nextRequest().body());
        assertThat(body.get("deviceId").textValue()).isEqualTo("phone-1");
    }

    @Test
    void loginAcceptsExpiresAtWithAnOffset() {
        cp.answer("/api/auth/login", 200, loginBody(TOKEN, "2030-01-02T05:04:05+02:00"));

        LoginResponse login = client.login("alice", PASSWORD, new DeviceId("phone-1"));

        assertThat(login.expiresAt()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
    }

    @Test
    void loginMapsBadCredentialsTo401() {
        cp.answer("/api/auth/login", 401, "{\"code\":\"bad_credentials\",\"message\":\"no\",\"traceId\":\"t-1\"}");

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.login("alice", "wrong", new DeviceId("phone-1")));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("bad_credentials");
    }

    @Test
    void loginMapsNoEdgeAvailableTo503() {
        cp.answer("/api/auth/login", 503, "{\"code\":\"no_edge_available\",\"message\":\"fleet empty\",\"traceId\":\"t-2\"}");

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.login("alice", PASSWORD, new DeviceId("phone-1")));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("no_edge_available");
        assertThat(e.traceId()).isEqualTo("t-2");
    }

    @Test
    void errorBodyThatIsNotTheErrorShapeBecomesUnexpectedResponse() {
        cp.answerHtml("/api/auth/login", 502, "<html>Bad Gateway</html>");

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.login("alice", PASSWORD, new DeviceId("phone-1")));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo(ApiException.UNEXPECTED_RESPONSE);
    }

    @Test
    void malformedLoginResponseNamesTheFieldButNeverQuotesTheToken() {
        cp.answer("/api/auth/login", 200, loginBody(TOKEN, "2030-01-02T03:04:05Z").replace("\"tcpPort\":9000", "\"tcpPort\":\"x\""));

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> client.login("alice", PASSWORD, new DeviceId("phone-1")));

        assertThat(e.code()).isEqualTo(ApiException.UNEXPECTED_RESPONSE);
        assertThat(e.getMessage()).contains("edge.tcpPort").doesNotContain(TOKEN);
    }

    @Test
    void keepsThePathOfTheBaseUri() throws Exception {
        cp.answer("/prefix/api/auth/register", 201, "{\"userId\":7}");
        try (ControlPlaneClient prefixed = ControlPlaneClient.builder(URI.create(cp.uri() + "/prefix")).build()) {
            assertThat(prefixed.register("bob", PASSWORD)).isEqualTo(new UserId(7));
        }
        assertThat(cp.nextRequest().path()).isEqualTo("/prefix/api/auth/register");
    }

    @Test
    void requestTimesOutAfterTheRequestTimeout() {
        cp.hang("/api/auth/login");
        try (ControlPlaneClient impatient = ControlPlaneClient.builder(cp.uri())
                .requestTimeout(Duration.ofMillis(200)).build()) {
            assertThatThrownBy(() -> impatient.login("alice", PASSWORD, new DeviceId("phone-1")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(HttpTimeoutException.class);
        }
    }

    @Test
    void unreachableControlPlaneThrowsUncheckedIoException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (ControlPlaneClient nowhere = ControlPlaneClient.builder(URI.create("http://127.0.0.1:" + port)).build()) {
            assertThatThrownBy(() -> nowhere.register("alice", PASSWORD)).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void neverLogsThePasswordOrTheToken() {
        cp.answer("/api/auth/login", 200, loginBody(TOKEN, "2030-01-02T03:04:05Z"));
        try (LogCapture logs = new LogCapture()) {
            LoginResponse login = client.login("alice", PASSWORD, new DeviceId("phone-1"));

            assertThat(logs.lines()).as("debug logging happened").isNotEmpty();
            assertThat(String.join("\n", logs.lines())).doesNotContain(PASSWORD).doesNotContain(TOKEN);
            assertThat(login.toString()).doesNotContain(TOKEN).contains("token=***");
        }
    }

    @Test
    void refreshSendsTheTokenAsBearerWithoutABodyAndParsesALoginAnswer() throws Exception {
        cp.answer("/api/auth/refresh", 200, loginBody("fresh-token", "2030-01-02T03:04:05Z"));
        try (LogCapture logs = new LogCapture()) {
            LoginResponse refreshed = client.refresh(TOKEN);

            assertThat(refreshed.token()).isEqualTo("fresh-token");
            assertThat(refreshed.edges()).extracting(e -> e.nodeId().value()).containsExactly("edge-a", "edge-b", "edge-c");
            assertThat(String.join("\n", logs.lines())).doesNotContain(TOKEN).doesNotContain("fresh-token");
        }
        FakeControlPlane.Request request = cp.nextRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.body()).isEmpty();
    }

    @Test
    void refreshMapsARefusedTokenTo401() {
        cp.answer("/api/auth/refresh", 401, "{\"code\":\"unauthorized\",\"message\":\"bearer token refused: too_old\",\"traceId\":\"t-5\"}");

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.refresh(TOKEN));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("unauthorized");
        assertThatThrownBy(() -> client.refresh("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsAtMostMaxConcurrentRequestsInFlightAndQueuesTheRest() throws Exception {
        cp.answer("/api/auth/refresh", 200, loginBody("fresh-token", "2030-01-02T03:04:05Z")).delay(Duration.ofMillis(50));
        List<Callable<LoginResponse>> refreshes = Collections.nCopies(40, () -> client.refresh(TOKEN));
        try (ControlPlaneClient fourAtATime = ControlPlaneClient.builder(cp.uri()).maxConcurrentRequests(4).build();
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<LoginResponse>> capped = Collections.nCopies(40, () -> fourAtATime.refresh(TOKEN));
            for (Future<LoginResponse> f : callers.invokeAll(capped)) {
                assertThat(f.get().token()).isEqualTo("fresh-token");
            }
            assertThat(cp.mostInFlight()).as("requests the control plane saw at once").isEqualTo(4);

            for (Future<LoginResponse> f : callers.invokeAll(refreshes)) {
                assertThat(f.get().token()).isEqualTo("fresh-token");
            }
            assertThat(cp.mostInFlight()).as("the default allows more").isGreaterThan(4);
        }
        assertThatThrownBy(() -> ControlPlaneClient.builder(cp.uri()).maxConcurrentRequests(0))
                .hasMessage("maxConcurrentRequests: 0 (expected: 1..10000)");
    }

    @Test
    void refusesEmptyCredentialsBeforeSendingAnything() {
        assertThatThrownBy(() -> client.register("alice", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("password: empty (expected: 1 or more characters)");
        assertThatThrownBy(() -> ControlPlaneClient.builder(URI.create("ftp://x")))
                .hasMessage("baseUri: ftp://x (expected: an http:// or https:// URL)");
    }
}
