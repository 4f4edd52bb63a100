package io.pushfleet.control.push;

import io.pushfleet.control.web.AdminRole;
import io.pushfleet.control.web.RequiresAdminRole;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/admin/users/{userId}/deliveries}: the pushes a user was a target of, most recent first,
 * with each one's state and when it last changed ("did user Y get message X, and when").
 */
@Path("/api/admin/users/{userId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class UserDeliveriesResource {

    private final PushService pushes;

    public UserDeliveriesResource(PushService pushes) {
        this.pushes = pushes;
    }

    @GET
    @RequiresAdminRole(AdminRole.READ)
    public PushViews.UserDeliveries deliveries(@PathParam("userId") String userId, @QueryParam("limit") String limit) {
        return pushes.userDeliveries(userId, limit);
    }
}
