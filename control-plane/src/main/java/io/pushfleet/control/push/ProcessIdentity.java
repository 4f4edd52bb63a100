package io.pushfleet.control.push;

import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.MessageIdGenerator;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who this control plane process is among its peers, fixed at startup: a message-id worker id
 * ({@code INCR idgen:worker} modulo 1024, unique among up to 1024 live processes) with the message-id
 * generator built on it, and a name ({@code cp-<worker>-<random>}) used as the events consumer name
 * and as the owner of the tasks it routes.
 */
@Startup
@ApplicationScoped
public class ProcessIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessIdentity.class);

    private final int workerId;
    private final String name;
    private final MessageIdGenerator ids;

    public ProcessIdentity(RedisDataSource redis, Clock clock) {
        long counter = redis.value(String.class, Long.class).incr(RedisKeys.WORKER_IDS);
        this.workerId = (int) Math.floorMod(counter, (long) MessageIdGenerator.MAX_WORKER_ID + 1);
        this.name = "cp-" + workerId + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.ids = new MessageIdGenerator(workerId, clock);
        LOG.info("process name={} message-id workerId={}", name, workerId);
    }

    public int workerId() {
        return workerId;
    }

    /** The events consumer name and routing owner of this process. */
    public String name() {
        return name;
    }

    public MessageId nextMessageId() {
        return ids.next();
    }
}
