package io.pushfleet.control.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's view of the edge fleet: every registered node with its liveness, and the nodes
 * a new client may be sent to. Reads the registry on each call; nothing is cached yet.
 */
@ApplicationScoped
public class RegistryService {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);

    private final RegistryRepository repository;
    private final Duration nodeTtl;
    private final Clock clock;
    private final Counter badReports;

    @Inject
    public RegistryService(RegistryRepository repository, PushConfig config, Clock clock, MeterRegistry meters) {
        this(repository, config.routing().nodeTtl(), clock, meters);
    }

    /** Without CDI, e.g. over an in-memory repository in tests. */
    public RegistryService(RegistryRepository repository, Duration nodeTtl, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.nodeTtl = nodeTtl;
        this.clock = clock;
        this.badReports = Counter.builder("pushfleet.registry.bad.reports")
                .description("Node info values that could not be read as a NodeInfo of that node")
                .register(meters);
    }

    /** Every registered node, live or not, ordered by node id. */
    public List<NodeStatus> nodes() {
        return statuses(repository.reports());
    }

    /** The nodes new clients may be sent to (live, UP and not drained), ordered by node id. */
    public List<NodeInfo> selectableNodes() {
        Instant now = clock.instant();
        // Stale reports are dropped before their info is fetched: they can never be selected.
        List<NodeReport> fresh = repository.reports().stream()
                .filter(report -> NodeStatus.isFresh(report, now, nodeTtl))
                .toList();
        return statuses(fresh).stream()
                .filter(NodeStatus::selectable)
                .map(status -> status.info().orElseThrow())
                .toList();
    }

    /** Every registered node with the size of its connection set, ordered by node id. */
    public List<NodeLoad> loads() {
        List<NodeStatus> statuses = nodes();
        Map<NodeId, Long> routes = repository.connectionSetSizes(statuses.stream().map(NodeStatus::nodeId).toList());
        return statuses.stream()
                .map(status -> new NodeLoad(status, routes.getOrDefault(status.nodeId(), 0L)))
                .toList();
    }

    private List<NodeStatus> statuses(List<NodeReport> reports) {
        Map<NodeId, String> infos = repository.infos(reports.stream().map(NodeReport::nodeId).toList());
        Map<NodeId, Instant> drained = reports.isEmpty() ? Map.of() : repository.drainMarks();
        Instant now = clock.instant();
        return reports.stream()
                .map(report -> NodeStatus.evaluate(report, parse(report.nodeId(), infos.get(report.nodeId())),
                        Optional.ofNullable(drained.get(report.nodeId())), now, nodeTtl))
                .sorted(Comparator.comparing(status -> status.nodeId().value()))
                .toList();
    }

    private Optional<NodeInfo> parse(NodeId nodeId, String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            NodeInfo info = NodeInfo.fromJson(json);
            if (!info.nodeId().equals(nodeId)) {
                throw new IllegalArgumentException("node info: nodeId " + info.nodeId() + " under the key of " + nodeId);
            }
            return Optional.of(info);
        } catch (IllegalArgumentException e) {
            badReports.increment();
            LOG.debug("nodeId={} unreadable registry report: {}", nodeId, e.getMessage());
            return Optional.empty();
        }
    }
}
