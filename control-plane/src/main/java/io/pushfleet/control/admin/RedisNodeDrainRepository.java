package io.pushfleet.control.admin;

import io.pushfleet.control.push.RedisCommandPublisher;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.RedisKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@link NodeDrainRepository} on Redis: the mark is a field of the {@code nodes:draining} hash ({@code HSETNX},
 * so a repeated drain keeps the first time), the command an {@code XADD} like every command stream entry.
 */
@ApplicationScoped
public class RedisNodeDrainRepository implements NodeDrainRepository {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Redis redis;

    public RedisNodeDrainRepository(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Instant mark(NodeId nodeId, Instant at) {
        // One pipelined batch on one connection: the HGET sees the HSETNX, whoever's value won.
        List<Response> answers = redis.batch(List.of(
                Request.cmd(Command.HSETNX).arg(RedisKeys.DRAINING).arg(nodeId.value()).arg(at.toEpochMilli()),
                Request.cmd(Command.HGET).arg(RedisKeys.DRAINING).arg(nodeId.value())
        )).await().atMost(TIMEOUT);
        return Instant.ofEpochMilli(answers.get(1).toLong());
    }

    @Override
    public boolean clearMark(NodeId nodeId) {
        Response removed = redis.send(Request.cmd(Command.HDEL).arg(RedisKeys.DRAINING).arg(nodeId.value()))
                .await().atMost(TIMEOUT);
        return removed.toInteger() > 0;
    }

    @Override
    public void command(NodeId nodeId, boolean drain) {
        redis.send(RedisCommandPublisher.xadd(RedisKeys.nodeStream(nodeId),
                Map.of(NodeCommands.TYPE, drain ? NodeCommands.DRAIN : NodeCommands.UNDRAIN))).await().atMost(TIMEOUT);
    }
}
