package io.pushfleet.control.chat;

import io.pushfleet.control.auth.UserAuthenticator;
import io.pushfleet.model.id.UserId;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /api/groups}: chat groups, for users with their own access token ({@code Authorization: Bearer}).
 * Every method authenticates first; the rules are in {@link GroupService}. Blocking: MySQL and Redis.
 */
@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class GroupResource {

    private final UserAuthenticator users;
    private final GroupService groups;

    public GroupResource(UserAuthenticator users, GroupService groups) {
        this.users = users;
        this.groups = groups;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<CreateGroupResponse> create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                    CreateGroupRequest request) {
        UserId caller = users.authenticate(authorization).userId();
        return RestResponse.status(RestResponse.Status.CREATED, groups.create(caller, request));
    }

    @GET
    @Path("/{groupId}/members")
    public GroupMembersResponse members(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @PathParam("groupId") String groupId) {
        UserId caller = users.authenticate(authorization).userId();
        return groups.members(caller, GroupRules.parseGroupId(groupId));
    }

    @POST
    @Path("/{groupId}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public AddMembersResponse add(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @PathParam("groupId") String groupId, AddMembersRequest request) {
        UserId caller = users.authenticate(authorization).userId();
        return groups.addMembers(caller, GroupRules.parseGroupId(groupId), request);
    }

    @DELETE
    @Path("/{groupId}/members/{userId}")
    public RestResponse<Void> remove(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                     @PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        UserId caller = users.authenticate(authorization).userId();
        groups.removeMember(caller, GroupRules.parseGroupId(groupId), GroupRules.parseUserId(userId));
        return RestResponse.noContent();
    }
}
