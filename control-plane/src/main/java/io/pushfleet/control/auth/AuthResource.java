package io.pushfleet.control.auth;

import io.pushfleet.control.web.ClientAddresses;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /api/auth}: register and log in, each after the {@link LoginLimiter} has counted the attempt (429
 * {@code rate_limited} over a limit). Blocking on purpose: bcrypt takes tens of milliseconds of CPU per call
 * and must stay off the event loop.
 */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuthResource {

    private final AuthService auth;
    private final LoginLimiter limiter;
    private final ClientAddresses clients;

    public AuthResource(AuthService auth, LoginLimiter limiter, ClientAddresses clients) {
        this.auth = auth;
        this.limiter = limiter;
        this.clients = clients;
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
}
