package io.pushfleet.control.health;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves SmallRye Health under the fleet's probe paths as well (DESIGN 7: {@code /health/live},
 * {@code /health/ready} on every process), by rerouting to the standard {@code /q/health} endpoints,
 * so both answer with the same checks and body.
 */
@ApplicationScoped
public class HealthAliases {

    static final String[][] ALIASES = {
            {"/health", "/q/health"},
            {"/health/live", "/q/health/live"},
            {"/health/ready", "/q/health/ready"},
            {"/health/started", "/q/health/started"},
    };

    void install(@Observes Router router) {
        for (String[] alias : ALIASES) {
            String target = alias[1];
            router.route(HttpMethod.GET, alias[0]).handler(rc -> rc.reroute(target));
        }
    }
}
