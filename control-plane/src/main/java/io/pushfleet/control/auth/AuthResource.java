package io.pushfleet.control.auth;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /api/auth}: register and log in. Blocking on purpose: bcrypt takes tens of milliseconds of
 * CPU per call and must stay off the event loop.
 */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuthResource {

    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
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
}
