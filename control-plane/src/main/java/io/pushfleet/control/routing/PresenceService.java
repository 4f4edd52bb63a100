package io.pushfleet.control.routing;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a user's presence from the route table. Entries that do not parse (a device id or route
 * value the schema does not allow) are left out and logged: they cannot be delivered to either.
 */
@ApplicationScoped
public class PresenceService {

    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

    private final RouteTableRepository routes;

    public PresenceService(RouteTableRepository routes) {
        this.routes = routes;
    }

    public Presence presence(UserId userId) {
        List<DeviceRoute> devices = new ArrayList<>();
        for (Map.Entry<String, String> entry : routes.routes(userId).entrySet()) {
            try {
                devices.add(new DeviceRoute(new DeviceId(entry.getKey()), RouteValue.parse(entry.getValue())));
            } catch (IllegalArgumentException e) {
                LOG.warn("userId={} unreadable route entry skipped: {}", userId, e.getMessage());
            }
        }
        devices.sort(Comparator.comparing(device -> device.deviceId().value()));
        return new Presence(userId, devices);
    }
}
