package io.pushfleet.edge.it;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pushfleet.edge.registry.RedisRouteTable;
import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeConnection;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A route whose delete fails keeps its member in the node's set, so the shutdown removal, the next start's fencing
 * or the control plane's audit can still find it; once the delete succeeds the member goes too. A register held
 * back past its deadline fails, yet its commands still go out in order, so the unregister that follows it finds
 * the route and removes both.
 */
class RedisRouteTableIT {

    private static final NodeId NODE = new NodeId("edge-routes");
    private static final DeviceId DEVICE = new DeviceId("phone");
    private static final long EPOCH = 7;

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.empty();

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> writes;
    private static RedisRouteTable table;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS.uri());
        client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.create()).build()); // as the edge's
        writes = client.connect();
        table = new RedisRouteTable(REDIS.async(), writes, client.getResources().timer(), Duration.ofSeconds(5));
    }

    @AfterAll
    static void close() {
        client.shutdown();
    }

    @Test
    void unregisterRemovesTheMemberOnlyAfterTheRoute() throws Exception {
        UserId user = new UserId(501);
        RouteValue route = new RouteValue(NODE, EPOCH, 1);
        register(user, route);
        String routeKey = RedisKeys.route(user);
        REDIS.sync().del(routeKey);
        REDIS.sync().set(routeKey, "not a hash"); // HGET in the delete script fails: WRONGTYPE

        CompletableFuture<Boolean> failed = table.unregister(user, DEVICE, route).toCompletableFuture();
        table.flush();
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThat(REDIS.sync().sismember(RedisKeys.nodeConnections(NODE), member(user, route)))
                .as("the member stays while the route could not be deleted").isTrue();

        REDIS.sync().del(routeKey);
        REDIS.sync().hset(routeKey, DEVICE.value(), route.format());
        CompletableFuture<Boolean> deleted = table.unregister(user, DEVICE, route).toCompletableFuture();
        table.flush();
        assertThat(deleted.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(REDIS.sync().hget(routeKey, DEVICE.value())).isNull();
        assertThat(REDIS.sync().sismember(RedisKeys.nodeConnections(NODE), member(user, route))).isFalse();
    }

    @Test
    void aRegisterHeldPastItsDeadlineFailsButIsStillWrittenBeforeTheUnregisterAfterIt() throws Exception {
        RedisRouteTable late = new RedisRouteTable(REDIS.async(), client.connect(), client.getResources().timer(),
                Duration.ofMillis(200));
        UserId user = new UserId(701);
        RouteValue route = new RouteValue(NODE, EPOCH, 3);

        CompletableFuture<?> registered = late.register(user, DEVICE, route).toCompletableFuture();
        assertThatThrownBy(() -> registered.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RedisCommandTimeoutException.class).hasMessageContaining("not answered within 200 ms");
        // A starved loop flushes late: nothing is sent meanwhile. Had Lettuce timed the commands out, it would now
        // drop them unwritten (tried: the unregister then finds no route).
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> REDIS.sync().exists(RedisKeys.route(user)) == 0);

        CompletableFuture<Boolean> deleted = late.unregister(user, DEVICE, route).toCompletableFuture();
        late.flush();
        assertThat(deleted.get(5, TimeUnit.SECONDS)).as("the register went out first, so its route was there").isTrue();
        assertThat(REDIS.sync().exists(RedisKeys.route(user))).isZero();
        assertThat(REDIS.sync().sismember(RedisKeys.nodeConnections(NODE), member(user, route))).isFalse();
    }

    @Test
    void refusesAWritesConnectionWhoseCommandsTimeOut() {
        RedisClient timed = RedisClient.create(REDIS.uri());
        try {
            timed.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5))).build());
            StatefulRedisConnection<String, String> connection = timed.connect();
            assertThatThrownBy(() -> new RedisRouteTable(REDIS.async(), connection, timed.getResources().timer(),
                    Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("never times out a command");
        } finally {
            timed.shutdown();
        }
    }

    @Test
    void removingTheNodesRoutesKeepsTheMembersOfRoutesItCouldNotDelete() throws Exception {
        NodeId node = new NodeId("edge-routes-sweep");
        UserId good = new UserId(601);
        UserId broken = new UserId(602);
        RouteValue goodRoute = new RouteValue(node, EPOCH, 1);
        RouteValue brokenRoute = new RouteValue(node, EPOCH, 2);
        register(good, goodRoute);
        register(broken, brokenRoute);
        REDIS.sync().del(RedisKeys.route(broken));
        REDIS.sync().set(RedisKeys.route(broken), "not a hash");

        assertThatThrownBy(() -> table.removeNodeRoutes(node, epoch -> epoch == EPOCH, Duration.ofSeconds(5)))
                .hasMessageContaining("WRONGTYPE");

        assertThat(REDIS.sync().hget(RedisKeys.route(good), DEVICE.value())).isNull();
        assertThat(REDIS.sync().smembers(RedisKeys.nodeConnections(node)))
                .as("only the member whose route is still there").containsExactly(member(broken, brokenRoute));
    }

    private static void register(UserId user, RouteValue route) throws Exception {
        CompletableFuture<?> registered = table.register(user, DEVICE, route).toCompletableFuture();
        table.flush();
        registered.get(5, TimeUnit.SECONDS);
    }

    private static String member(UserId user, RouteValue route) {
        return new NodeConnection(user, DEVICE, route.bootEpoch(), route.connId()).format();
    }
}
