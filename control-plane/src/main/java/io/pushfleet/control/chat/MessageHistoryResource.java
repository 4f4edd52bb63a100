package io.pushfleet.control.chat;

import io.pushfleet.control.auth.UserAuthenticator;
import io.pushfleet.model.id.UserId;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/users/{userId}/messages?before=&limit=}: the caller's own history, with their access
 * token ({@code Authorization: Bearer}). Blocking: MySQL.
 */
@Path("/api/users/{userId}/messages")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class MessageHistoryResource {

    private final UserAuthenticator users;
    private final MessageHistoryService history;

    public MessageHistoryResource(UserAuthenticator users, MessageHistoryService history) {
        this.users = users;
        this.history = history;
    }

    @GET
    public MessagePage messages(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                @PathParam("userId") String userId, @QueryParam("before") String before,
                                @QueryParam("limit") String limit) {
        UserId caller = users.authenticate(authorization).userId();
        return history.page(caller, userId, before, limit);
    }
}
