package io.pushfleet.control.routing;

import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.registry.NodeStatus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The {@link RoutingSetting} this control plane follows and the {@link NodeSelector} made for it. The setting
 * is shared through {@link RoutingSettingRepository} (Redis): {@link #change} stores a new one and applies it
 * here at once; every control plane reads the store at startup and every {@code push.routing.setting-poll},
 * and applies what it finds when its version differs from the one it follows. When nothing is stored, the
 * configured setting (version 0) applies. A new selector starts fresh (round-robin position, smooth
 * weighted round-robin state); {@link AutoWeights} keep their weights across changes.
 */
@ApplicationScoped
public class RoutingSettings {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingSettings.class);

    private record Active(RoutingSetting setting, NodeSelector selector) {
    }

    private final RoutingSettingRepository repository;
    private final RoutingSetting configured;
    private final AutoWeights autoWeights;
    private volatile Active active;

    @Inject
    public RoutingSettings(RoutingSettingRepository repository, PushConfig config, AutoWeights autoWeights) {
        this(repository, configured(config.routing()), autoWeights);
    }

    public RoutingSettings(RoutingSettingRepository repository, RoutingSetting configured, AutoWeights autoWeights) {
        this.repository = requireNonNull(repository, "repository");
        this.configured = requireNonNull(configured, "configured");
        this.autoWeights = requireNonNull(autoWeights, "autoWeights");
        this.active = new Active(configured, selectorFor(configured));
    }

    /** The setting {@code push.routing.strategy} and {@code .weights} give (weights only for weighted). */
    public static RoutingSetting configured(PushConfig.Routing routing) {
        NodeWeights weights = routing.strategy() == SelectionStrategy.WEIGHTED
                ? routing.weights().map(NodeWeights::parse).orElseGet(NodeWeights::none)
                : NodeWeights.none();
        return new RoutingSetting(routing.strategy(), weights, 0);
    }

    void onStart(@Observes StartupEvent ignored) {
        poll();
    }

    @Scheduled(every = "${push.routing.setting-poll}", delayed = "${push.routing.setting-poll}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("reading the routing setting failed, keeping {}: {}", describe(current()), e.toString());
        }
    }

    /** Reads the stored setting and applies it if its version differs from the one followed; the configured one when none is stored. */
    public void refresh() {
        RoutingSetting wanted = repository.read().orElse(configured);
        if (wanted.version() != active.setting().version()) {
            apply(wanted);
        }
    }

    /** Stores a new setting for every control plane and follows it here at once. */
    public RoutingSetting change(SelectionStrategy strategy, NodeWeights weights) {
        RoutingSetting written = repository.write(strategy, weights);
        apply(written);
        return written;
    }

    public RoutingSetting current() {
        return active.setting();
    }

    public NodeSelector selector() {
        return active.selector();
    }

    /**
     * The weight the selector gives {@code node} now, or null when the strategy does not weigh nodes (every
     * selectable node has an equal chance). For {@code weighted}: the static weight if the node is selectable,
     * else 0. For {@code auto}: the weight {@link AutoWeights} holds (0 for a node it does not know).
     */
    public Integer weightOf(NodeStatus node) {
        RoutingSetting setting = active.setting();
        return switch (setting.strategy()) {
            case AUTO -> autoWeights.table().weightOf(node.nodeId());
            case WEIGHTED -> node.selectable() ? setting.weights().weightOf(node.nodeId()) : 0;
            case ROUND_ROBIN, RANDOM, CONSISTENT_HASH -> null;
        };
    }

    private synchronized void apply(RoutingSetting setting) {
        active = new Active(setting, selectorFor(setting));
        LOG.info("routing setting now {}", describe(setting));
    }

    private NodeSelector selectorFor(RoutingSetting setting) {
        return switch (setting.strategy()) {
            case AUTO -> new AutoSelector(autoWeights);
            case ROUND_ROBIN -> new RoundRobinSelector();
            case RANDOM -> new RandomSelector();
            case CONSISTENT_HASH -> new ConsistentHashSelector();
            case WEIGHTED -> new WeightedSelector(setting.weights());
        };
    }

    private static String describe(RoutingSetting setting) {
        return "strategy=" + setting.strategy().configName() + " weights=" + setting.weights().toText()
                + " version=" + setting.version() + (setting.fromConfig() ? " (configured)" : " (stored)");
    }
}
