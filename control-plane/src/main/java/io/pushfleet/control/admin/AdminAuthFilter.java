package io.pushfleet.control.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.web.AdminRole;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.control.web.ErrorWriter;
import io.pushfleet.control.web.FilterPriorities;
import io.pushfleet.control.web.RequiresAdminRole;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The first gate of the admin API: every request under {@code /api/admin} needs
 * {@code Authorization: Bearer <key>} with a key of {@code push.admin.keys} or {@code push.admin.read-keys},
 * else 401 {@code unauthorized}. It runs before routing, so an unknown admin path is refused the same way,
 * and it judges the path after decoding, so {@code /api%2Fadmin} or {@code /api//admin} do not slip by.
 * It leaves the key's {@link AdminRole} on the request for the second gate, {@link AdminRoleFilter}, which
 * compares it with the matched route's {@link RequiresAdminRole}.
 */
@ApplicationScoped
public class AdminAuthFilter {

    static final String PREFIX = "/api/admin";
    /** Routing-context key of the {@link AdminRole} of an admin request's key; absent on other requests. */
    static final String ROLE = "pushfleet.admin.role";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);

    private final AdminKeys keys;
    private final ErrorWriter errors;
    private final Counter refused;

    public AdminAuthFilter(PushConfig config, ErrorWriter errors, MeterRegistry meters) {
        this.keys = new AdminKeys(config.admin().keys(), config.admin().readKeys().orElse(List.of()));
        this.errors = errors;
        this.refused = refusedCounter(meters, "key");
    }

    /** {@code pushfleet_admin_auth_refused_total{reason}}: {@code key} (missing or wrong), {@code role} (403). */
    static Counter refusedCounter(MeterRegistry meters, String reason) {
        return Counter.builder("pushfleet.admin.auth.refused")
                .description("Admin API requests refused, by reason: key (missing or wrong, 401), role (403)")
                .tag("reason", reason)
                .register(meters);
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, FilterPriorities.ADMIN_KEY);
    }

    private void check(RoutingContext rc) {
        if (isAdminPath(rc.request().path())) {
            Optional<AdminRole> role = keys.roleOf(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
            if (role.isEmpty()) {
                refused.increment();
                LOG.debug("admin request refused: missing or wrong key");
                rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"pushfleet-admin\"");
                errors.write(rc, ErrorCode.UNAUTHORIZED, "admin API: missing or wrong bearer key");
                return;
            }
            rc.put(ROLE, role.get());
        }
        rc.next();
    }

    /**
     * Whether a raw request path addresses the admin API once percent-decoded, with matrix
     * parameters, empty and {@code .} segments dropped and {@code ..} applied; a path that does not
     * decode counts as admin.
     */
    static boolean isAdminPath(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return true;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : decoded.split("/")) {
            // JAX-RS ignores matrix parameters when matching, so "admin;x=1" is the "admin" segment.
            int semicolon = raw.indexOf(';');
            String segment = semicolon < 0 ? raw : raw.substring(0, semicolon);
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        String canonical = "/" + String.join("/", segments);
        return canonical.equals(PREFIX) || canonical.startsWith(PREFIX + "/");
    }
}
