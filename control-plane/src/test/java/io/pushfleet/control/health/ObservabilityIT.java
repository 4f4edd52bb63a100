package io.pushfleet.control.health;

import io.pushfleet.control.push.StreamLengths;
import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.TestNodes;
import io.pushfleet.control.support.TestRegistry;
import io.pushfleet.control.support.Users;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Probes, metrics, trace ids and the error contract as a client or an operator sees them. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class ObservabilityIT {

    @Inject
    RedisDataSource redis;
    @Inject
    StreamLengths streamLengths;

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @ParameterizedTest
    @ValueSource(strings = {"/health/live", "/health/ready", "/q/health/live", "/q/health/ready"})
    void answersProbesUpAtTheFleetAndTheQuarkusPaths(String path) {
        Response response = given().when().get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).isEqualTo("UP");
    }

    @Test
    void checksRedisTheDatabaseKafkaAndThePublishedKeyForReadiness() {
        Response response = given().when().get("/health/ready");

        assertThat(response.jsonPath().getList("checks.name")).contains("Redis connection health check",
                "Database connections health check", "signing-keys-published", "kafka");
        assertThat(response.jsonPath().getString("checks.find { it.name == 'kafka' }.status")).isEqualTo("UP");
    }

    @Test
    void exposesTheLengthOfTheCommandStreamOfEveryRegisteredNode() {
        NodeId node = new NodeId("obs-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        String stream = RedisKeys.nodeStream(node);
        try {
            new TestRegistry(redis).report(TestNodes.up(node.value(), Instant.now()), Instant.now());
            redis.stream(String.class).xadd(stream, Map.of("type", "test"));
            redis.stream(String.class).xadd(stream, Map.of("type", "test"));

            streamLengths.sample();

            assertThat(metric("pushfleet_stream_length\\{stream=\"" + Pattern.quote(stream) + "\"}")).isEqualTo(2);
        } finally {
            redis.sortedSet(String.class).zrem(RedisKeys.NODES, node.value());
            redis.key().del(stream, RedisKeys.nodeInfo(node));
        }
    }

    @Test
    void countsLoginsByOutcomeAtSlashMetrics() {
        double before = metric("pushfleet_logins_total\\{outcome=\"invalid_credentials\"}");

        given().contentType(ContentType.JSON)
                .body(Map.of("username", Users.uniqueName(), "password", "whatever-it-is", "deviceId", "d1"))
                .when().post("/api/auth/login").then().statusCode(401);

        assertThat(metric("pushfleet_logins_total\\{outcome=\"invalid_credentials\"}")).isEqualTo(before + 1);
    }

    @Test
    void keepsTheTraceIdOfAValidTraceparentInHeaderBodyAndAcrossTheWorkerThread() {
        // Registration runs on a worker thread: the body's trace id comes from the MDC there.
        Response response = given().header("traceparent", TRACEPARENT).contentType(ContentType.JSON)
                .body(Map.of("username", "x", "password", "whatever-it-is"))
                .when().post("/api/auth/register");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("X-Trace-Id")).isEqualTo(TRACE_ID);
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(TRACE_ID);
    }

    @Test
    void generatesATraceIdWhenTraceparentIsInvalid() {
        Response response = given().header("traceparent", "garbage").when().get("/no/such/route");

        String header = response.header("X-Trace-Id");
        assertThat(header).matches("[0-9a-f]{32}");
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(header);
    }

    @Test
    void answersAnUnknownRouteWithA404ErrorBody() {
        assertError(given().when().get("/no/such/route"), 404, "not_found");
    }

    @Test
    void answersAWrongMethodWithA405ErrorBody() {
        assertError(given().when().delete("/api/auth/login"), 405, "method_not_allowed");
    }

    @Test
    void answersMalformedJsonWithA400ErrorBodyThatNamesNoJavaType() {
        assertError(given().contentType(ContentType.JSON).body("{\"username\": ").when().post("/api/auth/login"),
                400, "malformed_json");
        assertError(given().contentType(ContentType.JSON).body("{\"username\": {\"nested\": 1}}").when()
                .post("/api/auth/login"), 400, "malformed_json");
    }

    @Test
    void answersAnUnsupportedContentTypeWithA415ErrorBody() {
        assertError(given().contentType(ContentType.TEXT).body("hello").when().post("/api/auth/login"),
                415, "unsupported_media_type");
    }

    @Test
    void refusesAnAuthBodyOver64KiBWith413BeforeReadingIt() {
        String big = "{\"username\":\"" + "a".repeat(70_000) + "\"}";

        assertError(given().contentType(ContentType.JSON).body(big).when().post("/api/auth/login"),
                413, "payload_too_large");
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(response.header("X-Trace-Id"));
        assertThat(response.asString()).doesNotContain("java.", "Exception", "jakarta.", "at io.");
    }

    private static double metric(String namePattern) {
        String text = given().when().get("/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("^" + namePattern + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0;
    }
}
