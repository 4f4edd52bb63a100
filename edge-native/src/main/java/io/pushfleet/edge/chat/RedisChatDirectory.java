package io.pushfleet.edge.chat;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static java.util.Objects.requireNonNull;

/**
 * {@link ChatDirectory} on Redis with the shared schema ({@code RedisKeys}). Uses the node's shared
 * asynchronous connection: the commands of one call are sent back to back without waiting (pipelined) and
 * answered in order. Malformed members and routes are skipped with a warning.
 */
public final class RedisChatDirectory implements ChatDirectory {

    private static final Logger log = LoggerFactory.getLogger(RedisChatDirectory.class);

    private final RedisAsyncCommands<String, String> redis;
    private final XAddArgs relayTrim = XAddArgs.Builder.maxlen(NodeCommands.MAX_LENGTH).approximateTrimming();

    public RedisChatDirectory(RedisAsyncCommands<String, String> redis) {
        this.redis = requireNonNull(redis, "redis");
    }

    @Override
    public CompletionStage<Membership> membership(GroupId group, UserId user) {
        String key = RedisKeys.groupMembers(group);
        RedisFuture<Long> exists = redis.exists(key);
        RedisFuture<Boolean> member = redis.sismember(key, user.toString());
        return exists.thenCombine(member, (count, isMember) -> {
            if (count == null || count == 0) {
                return Membership.UNKNOWN_GROUP;
            }
            return Boolean.TRUE.equals(isMember) ? Membership.MEMBER : Membership.NOT_MEMBER;
        });
    }

    @Override
    public CompletionStage<List<UserId>> members(GroupId group) {
        return redis.smembers(RedisKeys.groupMembers(group)).thenApply(texts -> {
            List<UserId> members = new ArrayList<>(texts.size());
            for (String text : texts) {
                try {
                    members.add(UserId.parse(text));
                } catch (IllegalArgumentException e) {
                    log.warn("skipped malformed member of groupId={}: {}", group, e.getMessage());
                }
            }
            return members;
        });
    }

    @Override
    public CompletionStage<Map<UserId, List<RouteValue>>> routes(List<UserId> users) {
        List<CompletableFuture<Map<String, String>>> answers = new ArrayList<>(users.size());
        for (UserId u : users) {
            answers.add(redis.hgetall(RedisKeys.route(u)).toCompletableFuture());
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<UserId, List<RouteValue>> routes = new LinkedHashMap<>();
            for (int i = 0; i < users.size(); i++) {
                routes.put(users.get(i), parse(users.get(i), answers.get(i).join()));
            }
            return routes;
        });
    }

    @Override
    public CompletionStage<Set<NodeId>> liveNodes(Set<NodeId> nodes) {
        List<NodeId> order = List.copyOf(nodes);
        List<CompletableFuture<Long>> answers = new ArrayList<>(order.size());
        for (NodeId n : order) {
            answers.add(redis.exists(RedisKeys.nodeInfo(n)).toCompletableFuture());
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Set<NodeId> live = new LinkedHashSet<>();
            for (int i = 0; i < order.size(); i++) {
                Long count = answers.get(i).join();
                if (count != null && count > 0) {
                    live.add(order.get(i));
                }
            }
            return live;
        });
    }

    @Override
    public CompletionStage<Void> relay(NodeId node, PushCommand push) {
        return redis.xadd(RedisKeys.nodeStream(node), relayTrim, push.toFields()).thenApply(id -> null);
    }

    private static List<RouteValue> parse(UserId user, Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return List.of();
        }
        List<RouteValue> routes = new ArrayList<>(hash.size());
        for (Map.Entry<String, String> device : hash.entrySet()) {
            try {
                routes.add(RouteValue.parse(device.getValue()));
            } catch (IllegalArgumentException e) {
                log.warn("skipped malformed route userId={} deviceId={}: {}", user, device.getKey(), e.getMessage());
            }
        }
        return routes;
    }
}
