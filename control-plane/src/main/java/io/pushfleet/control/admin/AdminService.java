package io.pushfleet.control.admin;

import io.pushfleet.control.audit.AuditReports;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.control.routing.Presence;
import io.pushfleet.control.routing.PresenceService;
import io.pushfleet.control.routing.RoutingSettings;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.UserId;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Read-only views of the fleet for operators; the data comes from the registry, the route table and
 * the route auditor's last report. */
@ApplicationScoped
public class AdminService {

    private final RegistryService registry;
    private final PresenceService presence;
    private final RoutingSettings routing;
    private final AuditReports audits;

    public AdminService(RegistryService registry, PresenceService presence, RoutingSettings routing,
                        AuditReports audits) {
        this.registry = registry;
        this.presence = presence;
        this.routing = routing;
        this.audits = audits;
    }

    public NodesResponse nodes() {
        return new NodesResponse(registry.nodes().stream().map(node -> NodeView.of(node, routing.weightOf(node))).toList(),
                routing.current().strategy().configName());
    }

    public OnlineResponse online() {
        return OnlineResponse.of(registry.loads(), audits.latest());
    }

    public PresenceResponse presence(String userIdText) {
        UserId userId;
        try {
            userId = UserId.parse(userIdText);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_USER_ID, e.getMessage());
        }
        Presence found = presence.presence(userId);
        List<PresenceResponse.DeviceView> devices = found.devices().stream()
                .map(d -> new PresenceResponse.DeviceView(d.deviceId().value(), d.route().nodeId().value(),
                        d.route().bootEpoch(), d.route().connId()))
                .toList();
        return new PresenceResponse(userId.value(), found.online(), devices);
    }
}
