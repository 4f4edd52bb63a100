package io.pushfleet.control.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.pushfleet.control.registry.NodeStatus;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The gauge {@code pushfleet_stream_length{stream}}: entries held by the events stream, the broadcast stream
 * and the command stream of every registered node ({@code XLEN}, one call per stream every 15 s). Command
 * streams are trimmed near {@code NodeCommands.MAX_LENGTH}, so a length is how much Redis memory a stream
 * holds, not how far its edge is behind: the edge measures that itself ({@code edge_stream_delay_seconds}).
 * A node that left the registry drops out of the gauge at the next sample.
 */
@ApplicationScoped
public class StreamLengths {

    private static final Logger LOG = LoggerFactory.getLogger(StreamLengths.class);

    private final StreamCommands<String, String, String> streams;
    private final RegistryService registry;
    private final MultiGauge lengths;

    public StreamLengths(RedisDataSource redis, RegistryService registry, MeterRegistry meters) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.registry = registry;
        this.lengths = MultiGauge.builder("pushfleet.stream.length")
                .description("Entries held by a Redis stream of the fleet (XLEN), sampled every 15 s")
                .register(meters);
    }

    /** Reads every stream's length and replaces the gauge's rows with them. */
    public void sample() {
        List<String> keys = new ArrayList<>();
        keys.add(RedisKeys.EVENTS_STREAM);
        keys.add(RedisKeys.BROADCAST_STREAM);
        for (NodeStatus node : registry.nodes()) {
            keys.add(RedisKeys.nodeStream(node.nodeId()));
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>(keys.size());
        for (String key : keys) {
            rows.add(MultiGauge.Row.of(Tags.of("stream", key), streams.xlen(key)));
        }
        lengths.register(rows, true);
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void samplePeriodically() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.debug("sampling stream lengths failed: {}", e.toString());
        }
    }
}
