package io.pushfleet.control.push;

import io.pushfleet.model.redis.NodeCommands;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link CommandPublisher} on Redis: {@code XADD <stream> MAXLEN ~ 100000 * <fields>} per command, all in
 * one pipelined batch. The approximate trim keeps a stream nobody reads (a dead node's) bounded without
 * the cost of exact trimming.
 */
@ApplicationScoped
public class RedisCommandPublisher implements CommandPublisher {

    private final Redis redis;

    public RedisCommandPublisher(Redis redis) {
        this.redis = redis;
    }

    @Override
    public void publish(List<StreamCommand> commands) {
        if (commands.isEmpty()) {
            return;
        }
        List<Request> requests = new ArrayList<>(commands.size());
        for (StreamCommand command : commands) {
            requests.add(xadd(command.stream(), command.command().toFields()));
        }
        redis.batch(requests).await().atMost(RedisRouteLookup.TIMEOUT);
    }

    /** {@code XADD <stream> MAXLEN ~ 100000 * <fields>}: how every command stream entry is appended. */
    public static Request xadd(String stream, Map<String, String> fields) {
        Request xadd = Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~").arg(NodeCommands.MAX_LENGTH).arg("*");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            xadd.arg(field.getKey()).arg(field.getValue());
        }
        return xadd;
    }
}
