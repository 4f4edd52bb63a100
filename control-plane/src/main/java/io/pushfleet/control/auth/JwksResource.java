package io.pushfleet.control.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;

/** {@code GET /.well-known/jwks.json}: the public keys tokens are signed with, for verifiers outside Redis' reach. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final TokenService tokens;

    public JwksResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<Map<String, Object>> jwks() {
        return RestResponse.ResponseBuilder.ok(tokens.publicKeys().toJSONObject(true))
                .header("Cache-Control", "public, max-age=60")
                .build();
    }
}
