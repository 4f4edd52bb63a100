package io.pushfleet.control.admin;

import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.RestRoutes.Route;
import io.pushfleet.control.support.RestRoutes;
import io.pushfleet.control.web.AdminRole;
import io.pushfleet.control.web.RequiresAdminRole;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin route, found by {@link RestRoutes} rather than listed by hand: each one names a role, refuses
 * a missing or wrong key with 401, and refuses a read key with 403 unless it only reads. A route added later
 * is covered without touching this class, and fails it if it makes no role decision.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class AdminRoutesIT {

    /** Keys of %test.push.admin.keys and %test.push.admin.read-keys. */
    private static final String PUSH_KEY = "Bearer test-admin-key-0123456789";
    private static final String READ_KEY = "Bearer test-read-key-0123456789";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    static List<Route> adminRoutes() {
        return RestRoutes.under(AdminAuthFilter.PREFIX);
    }

    private static Response call(Route route, String authorization) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (!READ_METHODS.contains(route.httpMethod())) {
            request = request.contentType(ContentType.JSON).body("{}");
        }
        return request.when().request(route.httpMethod(), route.samplePath());
    }

    @Test
    void findsTheAdminRoutesThisTestWasWrittenWith() {
        assertThat(adminRoutes()).extracting(Route::toString).contains("GET /api/admin/nodes",
                "GET /api/admin/online", "GET /api/admin/users/{userId}/presence", "POST /api/admin/pushes",
                "GET /api/admin/pushes/{taskId}", "GET /api/admin/users/{userId}/deliveries");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRoutes")
    void namesARoleAndGrantsTheReadRoleOnlyToReadingMethods(Route route) {
        RequiresAdminRole required = route.method().getAnnotation(RequiresAdminRole.class);

        assertThat(required).as("%s has no @RequiresAdminRole", route).isNotNull();
        if (required.value() == AdminRole.READ) {
            assertThat(READ_METHODS).as("%s is read-only but not GET", route).contains(route.httpMethod());
        }
    }

    @Test
    void grantsRolesOnlyOnAdminRoutes() {
        assertThat(RestRoutes.all()).filteredOn(r -> r.method().isAnnotationPresent(RequiresAdminRole.class))
                .containsExactlyElementsOf(adminRoutes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRoutes")
    void refusesAMissingOrWrongKeyWith401(Route route) {
        for (String authorization : new String[] {null, "Bearer wrong-key-0123456789", "test-admin-key-0123456789"}) {
            Response response = call(route, authorization);

            assertThat(response.statusCode()).as("%s with %s", route, authorization).isEqualTo(401);
            assertThat(response.jsonPath().getString("code")).isEqualTo("unauthorized");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRoutes")
    void refusesAReadKeyWith403WhereTheRouteNeedsThePushRole(Route route) {
        RequiresAdminRole required = route.method().getAnnotation(RequiresAdminRole.class);
        Response response = call(route, READ_KEY);

        if (required != null && required.value() == AdminRole.READ) {
            assertThat(response.statusCode()).as("%s with a read key", route).isNotIn(401, 403);
        } else {
            assertThat(response.statusCode()).as("%s with a read key", route).isEqualTo(403);
            assertThat(response.jsonPath().getString("code")).isEqualTo("insufficient_role");
        }
    }

    @Test
    void letsAPushKeyPastTheRoleCheckOfAPushRoute() {
        Response response = given().header("Authorization", PUSH_KEY).contentType(ContentType.JSON).body("{}")
                .when().post("/api/admin/pushes");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("invalid_target");
    }
}
