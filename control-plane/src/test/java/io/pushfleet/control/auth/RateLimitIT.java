package io.pushfleet.control.auth;

import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login and registration limits against real Redis. The test client is 127.0.0.1, made a trusted proxy here,
 * so each test names its own client address in {@code X-Forwarded-For} and counters of earlier runs (Redis
 * outlives them) never interfere.
 */
@QuarkusTest
@TestProfile(RateLimitIT.LowLimits.class)
@WithTestResource(LocalStackResource.class)
class RateLimitIT {

    static final int LOGIN_PER_IP = 4;
    static final int LOGIN_PER_USER = 2;
    static final int REGISTER_PER_IP = 2;

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("push.auth.rate-limit.login-per-ip", Integer.toString(LOGIN_PER_IP),
                    "push.auth.rate-limit.login-per-user", Integer.toString(LOGIN_PER_USER),
                    "push.auth.rate-limit.register-per-ip", Integer.toString(REGISTER_PER_IP),
                    "push.auth.rate-limit.window", "1m",
                    "push.http.trusted-proxies", "127.0.0.1,::1");
        }
    }

    private static String randomClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static Response login(String client, String username) {
        return given().header("X-Forwarded-For", "203.0.113.66, " + client).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "not-the-password", "deviceId", "phone"))
                .when().post("/api/auth/login");
    }

    private static Response register(String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body(Map.of("username", Users.uniqueName(), "password", Users.PASSWORD))
                .when().post("/api/auth/register");
    }

    private static void assertLimited(Response response, String messagePart) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.jsonPath().getString("code")).isEqualTo("rate_limited");
        assertThat(response.jsonPath().getString("message")).contains(messagePart);
        assertThat(response.jsonPath().getString("traceId")).isNotBlank();
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
    }

    private static double metric(String series) {
        String text = given().when().get("/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0;
    }

    @Test
    void refusesLoginsFromOneClientAddressOverTheLimitWith429AndRetryAfter() {
        String client = randomClient();
        double before = metric("pushfleet_auth_login_limited_total{by=\"ip\"}");
        for (int i = 0; i < LOGIN_PER_IP; i++) {
            assertThat(login(client, Users.uniqueName()).statusCode()).as("attempt %d", i + 1).isEqualTo(401);
        }

        assertLimited(login(client, Users.uniqueName()), "from this address");
        assertThat(login(randomClient(), Users.uniqueName()).statusCode()).isEqualTo(401);
        assertThat(metric("pushfleet_auth_login_limited_total{by=\"ip\"}")).isEqualTo(before + 1);
    }

    @Test
    void refusesLoginsForOneUserOverTheLimitFromAnyAddress() {
        String username = Users.register();
        double before = metric("pushfleet_auth_login_limited_total{by=\"user\"}");
        for (int i = 0; i < LOGIN_PER_USER; i++) {
            assertThat(login(randomClient(), username).statusCode()).isEqualTo(401);
        }

        assertLimited(login(randomClient(), username.toUpperCase(Locale.ROOT)), "for this user");
        assertThat(metric("pushfleet_auth_login_limited_total{by=\"user\"}")).isEqualTo(before + 1);
    }

    @Test
    void refusesRegistrationsFromOneClientAddressOverTheLimit() {
        String client = randomClient();
        for (int i = 0; i < REGISTER_PER_IP; i++) {
            assertThat(register(client).statusCode()).isEqualTo(201);
        }

        assertLimited(register(client), "registrations from this address");
    }

    @Test
    void ignoresForwardedAddressesLeftOfTheLastUntrustedHop() {
        String client = randomClient();
        for (int i = 0; i < LOGIN_PER_IP; i++) {
            // A client varying what it writes itself does not escape its own counter.
            given().header("X-Forwarded-For", randomClient() + ", " + client).contentType(ContentType.JSON)
                    .body(Map.of("username", Users.uniqueName(), "password", "x-password", "deviceId", "phone"))
                    .when().post("/api/auth/login").then().statusCode(401);
        }

        assertLimited(login(client, Users.uniqueName()), "from this address");
    }
}
