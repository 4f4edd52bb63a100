package io.pushfleet.control.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.control.web.AdminRole;
import io.pushfleet.control.web.RequiresAdminRole;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/admin/routing}: the edge selection setting of the whole fleet of control planes. Under the admin
 * prefix, so {@code AdminAuthFilter} checks the key; changing it needs the push role. Blocking: a change is written to Redis.
 */
@Path("/api/admin/routing")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RoutingResource {

    private final RoutingSettings settings;

    public RoutingResource(RoutingSettings settings) {
        this.settings = settings;
    }

    @GET
    @RequiresAdminRole(AdminRole.READ)
    public RoutingView current() {
        return RoutingView.of(settings.current());
    }

    /** Checks the body ({@link RoutingChange}), stores it for every control plane, and answers the new setting. */
    @PUT
    @RequiresAdminRole(AdminRole.PUSH)
    @Consumes(MediaType.APPLICATION_JSON)
    public RoutingView change(JsonNode body) {
        RoutingChange change = RoutingChange.parse(body);
        return RoutingView.of(settings.change(change.strategy(), change.weights()));
    }
}
