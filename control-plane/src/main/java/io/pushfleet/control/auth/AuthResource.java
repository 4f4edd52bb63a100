package io.pushfleet.control.auth;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /api/auth}: register, log in, and refresh a token (a login's answer for a bearer token, no bcrypt).
 * Blocking on purpose: bcrypt takes tens of milliseconds of CPU per call and must stay off the event loop, and
 * node selection reads Redis synchronously.
 */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuthResource {

    private final AuthService auth;
    private final UserAuthenticator users;

    public AuthResource(AuthService auth, UserAuthenticator users) {
        this.auth = auth;
        this.users = users;
    }

    @POST
    @Path("/register")
    public RestResponse<RegisterResponse> register(RegisterRequest request) {
        return RestResponse.status(RestResponse.Status.CREATED, auth.register(request));
    }

    @POST
    @Path("/login")
    public LoginResponse login(LoginRequest request) {
        return auth.login(request);
    }

    /** A login's answer for the bearer token's user and device, without the password; any request body is ignored. */
    @POST
    @Path("/refresh")
    @Consumes(MediaType.WILDCARD)
    public LoginResponse refresh(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return auth.refresh(users.authenticateForRefresh(authorization));
    }
}
