package io.pushfleet.control.auth;

import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.TestRegistry;
import io.pushfleet.control.support.Tokens;
import io.pushfleet.control.support.Users;
import io.pushfleet.model.token.TokenClaims;
import io.pushfleet.model.token.TokenVerifier;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.pushfleet.control.support.TestNodes.up;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/auth/refresh} (docs/control-plane.md, "Refresh") against real Redis and MariaDB. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class TokenRefreshIT {

    @Inject
    RedisDataSource redis;
    @Inject
    PushConfig config;
    @Inject
    TokenService tokens;

    private TestRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new TestRegistry(redis);
        registry.clear();
        registry.report(up("edge-a", Instant.now()), Instant.now());
        registry.report(up("edge-b", Instant.now()), Instant.now());
    }

    private static Response refresh(String authorization) {
        var request = given();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().post("/api/auth/refresh");
    }

    private String bearer(long userId, String audience, Instant issuedAt, Instant authenticatedAt) {
        return Tokens.bearerSignedAt(config, userId, "phone-1", audience, issuedAt, authenticatedAt);
    }

    @Test
    void answersLikeALoginWithAFreshTokenForTheSameUserAndDeviceWithoutThePassword() throws Exception {
        String username = Users.register();
        JsonPath login = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", Users.PASSWORD, "deviceId", "phone-1"))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath();

        Response response = refresh("Bearer " + login.getString("token"));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonPath body = response.jsonPath();
        assertThat(body.getLong("userId")).isEqualTo(login.getLong("userId"));
        assertThat(body.getString("token")).isNotEqualTo(login.getString("token"));
        assertThat(body.getString("edge.nodeId")).isIn("edge-a", "edge-b");
        assertThat(body.getList("fallbacks.nodeId")).hasSize(1);
        assertThat(body.getLong("heartbeatSeconds")).isEqualTo(login.getLong("heartbeatSeconds"));
        assertThat(body.getMap("backoff")).isEqualTo(login.getMap("backoff"));
        TokenVerifier verifier = new TokenVerifier(tokens.publicKeys(), config.token().issuer(), config.token().audience(),
                Duration.ofSeconds(30), Clock.systemUTC());
        TokenClaims before = verifier.verify(login.getString("token"));
        TokenClaims after = verifier.verify(body.getString("token"));
        assertThat(after.userId()).isEqualTo(before.userId());
        assertThat(after.deviceId().value()).isEqualTo("phone-1");
        assertThat(after.authenticatedAt()).as("the password check is not renewed").isEqualTo(before.authenticatedAt());
        assertThat(after.tokenId()).isNotEqualTo(before.tokenId());
    }

    @Test
    void refreshesATokenExpiredWithinTheGrace() {
        Instant issued = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

        Response response = refresh(bearer(77, config.token().audience(), issued, issued));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getLong("userId")).isEqualTo(77);
        assertThat(Instant.parse(response.jsonPath().getString("expiresAt"))).isAfter(Instant.now());
    }

    @Test
    void refusesATokenExpiredLongerThanTheGraceOrTooLongAfterThePasswordCheck() {
        Instant longAgo = Instant.now().minus(config.token().refreshGrace()).minus(Duration.ofHours(2));
        Instant oldLogin = Instant.now().minus(config.token().refreshMaxAge()).minus(Duration.ofMinutes(1));

        assertUnauthorized(refresh(bearer(77, config.token().audience(), longAgo, longAgo)), "expired");
        assertUnauthorized(refresh(bearer(77, config.token().audience(), Instant.now(), oldLogin)), "too_old");
    }

    @Test
    void refusesForgedOtherAudienceMissingAndMalformedTokens() {
        assertUnauthorized(refresh(Tokens.forgedBearer(tokens, 77)), "bad_signature");
        assertUnauthorized(refresh(bearer(77, "another-service", Instant.now(), Instant.now())), "wrong_audience");
        assertUnauthorized(refresh(null), "missing bearer token");
        assertUnauthorized(refresh("Basic dXNlcjpwYXNz"), "missing bearer token");
        assertUnauthorized(refresh("Bearer not-a-jwt"), "malformed");
    }

    @Test
    void selectsTheNodeAnewAndNeverOneThatStoppedReporting() {
        registry.clear();
        registry.report(up("edge-a", Instant.now()), Instant.now());
        registry.report(up("edge-stale", Instant.now()), Instant.now().minusSeconds(60));
        String token = bearer(78, config.token().audience(), Instant.now(), Instant.now());

        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            JsonPath body = refresh(token).then().statusCode(200).extract().jsonPath();
            handedOut.add(body.getString("edge.nodeId"));
            handedOut.addAll(body.getList("fallbacks.nodeId", String.class));
        }

        assertThat(handedOut).containsExactly("edge-a");
    }

    @Test
    void answers503WhenNoNodeIsLive() {
        registry.clear();

        Response response = refresh(bearer(79, config.token().audience(), Instant.now(), Instant.now()));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.jsonPath().getString("code")).isEqualTo("no_edge_available");
    }

    private static void assertUnauthorized(Response response, String messagePart) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
        JsonPath body = response.jsonPath();
        assertThat(body.getString("code")).isEqualTo("unauthorized");
        assertThat(body.getString("message")).contains(messagePart);
        assertThat(body.getString("traceId")).isNotBlank();
    }
}
