package io.pushfleet.control.routing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.TestRegistry;
import io.pushfleet.control.support.Users;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeState;
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

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.pushfleet.control.support.TestNodes.node;
import static io.pushfleet.control.support.TestNodes.up;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Login against a registry written into real Redis the way edges write it (DESIGN 3.1, 3.9). */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class LoginRoutingIT {

    @Inject
    RedisDataSource redis;

    private TestRegistry registry;
    private String username;

    @BeforeEach
    void setUp() {
        registry = new TestRegistry(redis);
        registry.clear();
        username = Users.register();
    }

    private Response login(String deviceId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", Users.PASSWORD, "deviceId", deviceId))
                .when().post("/api/auth/login");
    }

    private JsonPath loginOk() {
        Response response = login("phone-1");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    @Test
    void answers503WhenNoNodeIsLive() {
        registry.report(up("edge-stale", Instant.now()), Instant.now().minusSeconds(60));

        Response response = login("phone-1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.jsonPath().getString("code")).isEqualTo("no_edge_available");
    }

    @Test
    void handsOutOneLiveNodeAsEdgeAndTheOtherAsFallbackWithClientParameters() {
        registry.report(up("edge-a", Instant.now()), Instant.now());
        registry.report(up("edge-b", Instant.now()), Instant.now());

        JsonPath body = loginOk();

        String edge = body.getString("edge.nodeId");
        assertThat(edge).isIn("edge-a", "edge-b");
        assertThat(body.getList("fallbacks.nodeId")).containsExactly(edge.equals("edge-a") ? "edge-b" : "edge-a");
        assertThat(body.getString("edge.wsUrl")).isEqualTo(up(edge, Instant.now()).wsUrl());
        assertThat(body.getInt("edge.tcpPort")).isEqualTo(up(edge, Instant.now()).tcpPort());
        assertThat(body.getLong("heartbeatSeconds")).isEqualTo(30);
        assertThat(body.getLong("backoff.baseMs")).isEqualTo(500);
        assertThat(body.getDouble("backoff.factor")).isEqualTo(2.0);
        assertThat(body.getDouble("backoff.jitter")).isEqualTo(0.2);
        assertThat(body.getLong("backoff.maxMs")).isEqualTo(30_000);
    }

    @Test
    void alternatesBetweenTwoEqualEdgesUnderTheDefaultAutoStrategy() {
        registry.report(up("edge-a", Instant.now()), Instant.now());
        registry.report(up("edge-b", Instant.now()), Instant.now());

        List<String> edges = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            edges.add(loginOk().getString("edge.nodeId"));
        }

        for (int i = 1; i < edges.size(); i++) {
            assertThat(edges.get(i)).as("login %d after %s", i, edges).isNotEqualTo(edges.get(i - 1));
        }
    }

    @Test
    void neverChoosesAStaleDrainingOrExpiredNode() {
        Instant now = Instant.now();
        registry.report(up("edge-a", now), now);
        registry.report(up("edge-b", now), now);
        registry.report(up("edge-stale", now), now.minusSeconds(60));
        registry.report(node("edge-draining", NodeState.DRAINING, 0, now), now);
        registry.reportWithoutInfo(new NodeId("edge-expired"), now);

        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            JsonPath body = loginOk();
            handedOut.add(body.getString("edge.nodeId"));
            handedOut.addAll(body.getList("fallbacks.nodeId", String.class));
        }

        assertThat(handedOut).containsExactlyInAnyOrder("edge-a", "edge-b");
    }

    @Test
    void issuesATokenThatVerifiesWithThePublicKeysInRedis() throws Exception {
        registry.report(up("edge-a", Instant.now()), Instant.now());

        JsonPath body = loginOk();

        TokenVerifier verifier = new TokenVerifier(publishedKeys(), "pushfleet-control-plane", "pushfleet-edge",
                Duration.ofSeconds(30), Clock.systemUTC());
        TokenClaims claims = verifier.verify(body.getString("token"));
        assertThat(claims.userId().value()).isEqualTo(body.getLong("userId"));
        assertThat(claims.deviceId().value()).isEqualTo("phone-1");
        assertThat(claims.expiresAt()).isEqualTo(Instant.parse(body.getString("expiresAt")).truncatedTo(ChronoUnit.SECONDS));
        assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void servesThePublishedPublicKeysOverHttpWithoutPrivateParts() throws Exception {
        JWKSet served = JWKSet.parse(given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .extract().asString());

        assertThat(served.getKeys()).isNotEmpty().allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
        assertThat(served.getKeys()).extracting(JWK::getKeyID)
                .allSatisfy(kid -> assertThat(redis.hash(String.class).hexists(RedisKeys.JWKS, kid)).isTrue());
    }

    @Test
    void publishesTheKeysAgainWhenRedisLosesThem() {
        redis.key().del(RedisKeys.JWKS);

        // push.token.republish-interval is 1s in the test profile.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !redis.hash(String.class).hgetall(RedisKeys.JWKS).isEmpty());
    }

    private JWKSet publishedKeys() throws ParseException {
        List<JWK> keys = new ArrayList<>();
        for (String json : redis.hash(String.class).hgetall(RedisKeys.JWKS).values()) {
            keys.add(JWK.parse(json));
        }
        return new JWKSet(keys);
    }
}
