package io.pushfleet.control.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.set.SetCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link GroupMemberSets} on Redis sets ({@link RedisKeys#groupMembers}). Large changes go in commands of
 * {@link #CHUNK} members so no single command holds Redis for long. Each group's key has its own hash
 * tag, so reads of many groups are one {@code SMEMBERS} per group, pipelined, never a cross-slot command.
 * Blocking: call from a worker thread.
 */
@ApplicationScoped
public class RedisGroupMemberSets implements GroupMemberSets {

    static final int CHUNK = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SetCommands<String, String> sets;
    private final ReactiveSetCommands<String, String> reactiveSets;

    public RedisGroupMemberSets(RedisDataSource redis, ReactiveRedisDataSource reactive) {
        this.sets = redis.set(String.class, String.class);
        this.reactiveSets = reactive.set(String.class, String.class);
    }

    @Override
    public void add(GroupId groupId, Collection<UserId> userIds) {
        List<String> members = userIds.stream().map(UserId::toString).toList();
        for (List<String> chunk : Sql.chunks(members, CHUNK)) {
            sets.sadd(RedisKeys.groupMembers(groupId), chunk.toArray(String[]::new));
        }
    }

    @Override
    public void remove(GroupId groupId, Collection<String> members) {
        for (List<String> chunk : Sql.chunks(members, CHUNK)) {
            sets.srem(RedisKeys.groupMembers(groupId), chunk.toArray(String[]::new));
        }
    }

    @Override
    public Map<GroupId, Set<String>> read(Collection<GroupId> groupIds) {
        Map<GroupId, Set<String>> found = new HashMap<>();
        if (groupIds.isEmpty()) {
            return found;
        }
        List<GroupId> order = List.copyOf(groupIds);
        List<Uni<Set<String>>> calls = order.stream()
                .map(id -> reactiveSets.smembers(RedisKeys.groupMembers(id)))
                .toList();
        List<Set<String>> answers = Uni.join().all(calls).andFailFast().await().atMost(TIMEOUT);
        for (int i = 0; i < order.size(); i++) {
            found.put(order.get(i), answers.get(i));
        }
        return found;
    }
}
