package io.pushfleet.control.admin;

import io.pushfleet.control.web.AdminRole;
import io.pushfleet.control.web.RequiresAdminRole;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/admin}: operator views of the fleet, and draining a node. Keys are checked by {@link AdminAuthFilter} for the
 * whole prefix, roles by {@link AdminRoleFilter} against each route's {@link RequiresAdminRole}.
 * Blocking: each call waits on Redis.
 */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AdminResource {

    private final AdminService admin;
    private final DrainService drains;

    public AdminResource(AdminService admin, DrainService drains) {
        this.admin = admin;
        this.drains = drains;
    }

    @GET
    @Path("/nodes")
    @RequiresAdminRole(AdminRole.READ)
    public NodesResponse nodes() {
        return admin.nodes();
    }

    /** DESIGN 3.10: the node gets no new clients and moves its clients away. */
    @POST
    @Path("/nodes/{nodeId}/drain")
    @RequiresAdminRole(AdminRole.PUSH)
    public DrainResponse drain(@PathParam("nodeId") String nodeId) {
        return drains.drain(nodeId);
    }

    @POST
    @Path("/nodes/{nodeId}/undrain")
    @RequiresAdminRole(AdminRole.PUSH)
    public DrainResponse undrain(@PathParam("nodeId") String nodeId) {
        return drains.undrain(nodeId);
    }

    @GET
    @Path("/online")
    @RequiresAdminRole(AdminRole.READ)
    public OnlineResponse online() {
        return admin.online();
    }

    @GET
    @Path("/users/{userId}/presence")
    @RequiresAdminRole(AdminRole.READ)
    public PresenceResponse presence(@PathParam("userId") String userId) {
        return admin.presence(userId);
    }
}
