package io.pushfleet.control.push;

import io.pushfleet.control.web.AdminRole;
import io.pushfleet.control.web.RequiresAdminRole;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /api/admin/pushes}: accept a push and follow it. Behind the admin key filter like all of
 * {@code /api/admin}. Query parameters arrive as text so a bad value is a 400 with our code, not the
 * framework's 404. Blocking: every call waits on MySQL.
 */
@Path("/api/admin/pushes")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class PushResource {

    private final PushService pushes;

    public PushResource(PushService pushes) {
        this.pushes = pushes;
    }

    @POST
    @RequiresAdminRole(AdminRole.PUSH)
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<PushViews.Accepted> accept(PushRequest request) {
        return RestResponse.status(RestResponse.Status.ACCEPTED, pushes.accept(request));
    }

    @GET
    @Path("/{taskId}")
    @RequiresAdminRole(AdminRole.READ)
    public PushViews.Task task(@PathParam("taskId") String taskId) {
        return pushes.task(taskId);
    }

    @GET
    @Path("/{taskId}/deliveries")
    @RequiresAdminRole(AdminRole.READ)
    public PushViews.DeliveryPage deliveries(@PathParam("taskId") String taskId, @QueryParam("state") String state,
                                             @QueryParam("after") String after, @QueryParam("limit") String limit) {
        return pushes.deliveries(taskId, state, after, limit);
    }
}
