package io.pushfleet.edge.registry;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisException;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import io.netty.util.HashedWheelTimer;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a register sends when its {@code SADD} is already complete the moment it looks: the two orders a real Redis
 * cannot be made to show on demand. A member already answered (another event loop's flush sent it and Redis replied
 * before the register's next line) still gets its route; a member refused at once (disconnected) gets none. The
 * commands are an in-memory stand-in for Lettuce's that completes them as told; RedisRouteTableIT covers the rest
 * against a real Redis.
 */
class RedisRouteTableTest {

    private static final RouteValue ROUTE = new RouteValue(new NodeId("edge-a"), 7, 42);

    private final HashedWheelTimer timer = new HashedWheelTimer();
    private final List<String> sent = new ArrayList<>();

    @AfterEach
    void stopTimer() {
        timer.stop();
    }

    @Test
    void aMemberAnsweredBeforeTheRegisterLooksStillGetsItsRoute() throws Exception {
        RedisRouteTable table = tableWhoseSaddIs(done -> done.complete(1L));

        Optional<RouteValue> previous = table.register(new UserId(5), new DeviceId("phone"), ROUTE)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(previous).isEmpty();
        assertThat(sent).containsExactly("sadd", "eval");
    }

    @Test
    void aMemberRefusedAtOnceSendsNoRoute() {
        RedisRouteTable table = tableWhoseSaddIs(done -> done.completeExceptionally(new RedisException("disconnected")));

        CompletableFuture<Optional<RouteValue>> registered =
                table.register(new UserId(5), new DeviceId("phone"), ROUTE).toCompletableFuture();

        assertThatThrownBy(() -> registered.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RedisException.class);
        assertThat(sent).containsExactly("sadd");
    }

    private interface Outcome {
        void apply(AsyncCommand<String, String, Long> sadd);
    }

    @SuppressWarnings("unchecked")
    private RedisRouteTable tableWhoseSaddIs(Outcome saddOutcome) {
        RedisAsyncCommands<String, String> commands = (RedisAsyncCommands<String, String>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RedisAsyncCommands.class}, (proxy, method, args) -> {
                    sent.add(method.getName());
                    return switch (method.getName()) {
                        case "sadd" -> {
                            AsyncCommand<String, String, Long> sadd = new AsyncCommand<>(new Command<>(CommandType.SADD, null));
                            saddOutcome.apply(sadd);
                            yield sadd;
                        }
                        case "eval" -> {
                            AsyncCommand<String, String, String> setRoute = new AsyncCommand<>(new Command<>(CommandType.EVAL, null));
                            setRoute.complete((String) null); // no route before this one
                            yield setRoute;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
        StatefulRedisConnection<String, String> writes = (StatefulRedisConnection<String, String>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {StatefulRedisConnection.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "getOptions" -> ClientOptions.builder().timeoutOptions(TimeoutOptions.create()).build();
                            case "setAutoFlushCommands", "flushCommands" -> null;
                            case "async" -> commands;
                            default -> throw new UnsupportedOperationException(method.getName());
                        });
        return new RedisRouteTable(commands, writes, timer, Duration.ofSeconds(5));
    }
}
