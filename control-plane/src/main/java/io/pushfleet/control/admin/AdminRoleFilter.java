package io.pushfleet.control.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.web.AdminRole;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.control.web.RequiresAdminRole;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;

/**
 * The second gate of the admin API, after routing: the key's {@link AdminRole} (left by
 * {@link AdminAuthFilter}) must allow the matched route's {@link RequiresAdminRole}, else 403
 * {@code insufficient_role}. A route under {@code /api/admin} without the annotation is refused for every
 * key: forgetting the decision closes the route instead of opening it.
 */
@ApplicationScoped
public class AdminRoleFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRoleFilter.class);

    private final Counter refused;

    public AdminRoleFilter(MeterRegistry meters) {
        this.refused = AdminAuthFilter.refusedCounter(meters, "role");
    }

    @ServerRequestFilter
    public void checkRole(ResourceInfo resource, RoutingContext rc) {
        AdminRole role = rc.get(AdminAuthFilter.ROLE);
        if (role == null) {
            // Not an admin path: AdminAuthFilter marks every admin request it lets through.
            return;
        }
        Method method = resource.getResourceMethod();
        RequiresAdminRole required = method.getAnnotation(RequiresAdminRole.class);
        if (required == null) {
            refused.increment();
            LOG.error("admin route {}.{} has no @RequiresAdminRole; refused for every key",
                    method.getDeclaringClass().getSimpleName(), method.getName());
            throw new ApiException(ErrorCode.INSUFFICIENT_ROLE, "admin API: this route is not open to any key");
        }
        if (!role.allows(required.value())) {
            refused.increment();
            LOG.debug("admin request refused: role {} on a route that requires {}", role.tag(), required.value().tag());
            throw new ApiException(ErrorCode.INSUFFICIENT_ROLE,
                    "admin API: this key has the " + role.tag() + " role; this route requires " + required.value().tag());
        }
    }
}
