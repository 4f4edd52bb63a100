package io.pushfleet.control.auth;

import io.pushfleet.control.web.ClientAddresses;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /api/auth}: register and log in, each after the {@link LoginLimiter} has counted the attempt (429
 * {@code rate_limited} over a limit), and refresh a token (a login's answer for a bearer token, no bcrypt).
 * Blocking on purpose: bcrypt takes tens of milliseconds of CPU per call and must stay off the event loop, and
 * node selection reads Redis synchronously.
 */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuthResource {

    private final AuthService auth;
    private final LoginLimiter limiter;
    private final ClientAddresses clients;
    private final UserAuthenticator users;

    public AuthResource(AuthService auth, LoginLimiter limiter, ClientAddresses clients, UserAuthenticator users) {
        this.auth = auth;
        this.limiter = limiter;
        this.clients = clients;
        this.users = users;
    }

    @POST
    @Path("/register")
    public RestResponse<RegisterResponse> register(RegisterRequest request, @Context HttpServerRequest http) {
        limiter.checkRegister(clients.of(http));
        return RestResponse.status(RestResponse.Status.CREATED, auth.register(request));
    }

    @POST
    @Path("/login")
    public LoginResponse login(LoginRequest request, @Context HttpServerRequest http) {
        limiter.checkLogin(clients.of(http), request == null ? null : request.username());
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
