package io.pushfleet.control.chat;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes every group's Redis member set equal to its MySQL members: at startup and every
 * {@code push.chat.membership-resync-interval}, in chunks of {@code push.chat.membership-resync-chunk}
 * groups, so a lost Redis, or a Redis write that failed after a MySQL commit, heals.
 *
 * <p>Sets are repaired by difference ({@code SADD} what is missing, then {@code SREM} what is extra), never
 * deleted and rebuilt, so edges never see a group vanish. Each chunk reads Redis <em>before</em> MySQL:
 * a change made meanwhile by {@link GroupService} (MySQL, then Redis) is then either already in both
 * reads or is seen here in MySQL only and repaired in its direction, never undone. The one race left is
 * a second change to the same member landing between this read and this write; the next run repairs it.
 */
@ApplicationScoped
public class MembershipSync {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipSync.class);

    /** What one run found and did. */
    public record Result(int groups, int added, int removed) {
    }

    private final GroupRepository groups;
    private final GroupMemberSets memberSets;
    private final int chunk;
    private final MeterRegistry meters;
    /** The first run (at startup) is always logged, so the log shows the sets were checked. */
    private final AtomicBoolean firstRun = new AtomicBoolean(true);

    @Inject
    public MembershipSync(GroupRepository groups, GroupMemberSets memberSets, ChatConfig config, MeterRegistry meters) {
        this(groups, memberSets, config.membershipResyncChunk(), meters);
    }

    public MembershipSync(GroupRepository groups, GroupMemberSets memberSets, int chunk, MeterRegistry meters) {
        this.groups = groups;
        this.memberSets = memberSets;
        this.chunk = chunk;
        this.meters = meters;
    }

    // The first run fires as the scheduler starts, which rebuilds the sets of a fresh or flushed Redis.
    @Scheduled(identity = "membership-resync", every = "${push.chat.membership-resync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            syncAll();
        } catch (RuntimeException e) {
            LOG.warn("group membership resync failed, retrying next interval: {}", e.toString());
        }
    }

    /** One pass over every group. */
    public Result syncAll() {
        long startNanos = System.nanoTime();
        int seen = 0;
        int added = 0;
        int removed = 0;
        long after = 0;
        while (true) {
            List<GroupId> ids = groups.groupIdsAfter(after, chunk);
            if (ids.isEmpty()) {
                break;
            }
            Map<GroupId, Set<String>> inRedis = memberSets.read(ids);
            Map<GroupId, Set<UserId>> inMySql = groups.members(ids);
            for (GroupId id : ids) {
                Set<String> expected = new HashSet<>();
                inMySql.getOrDefault(id, Set.of()).forEach(user -> expected.add(user.toString()));
                Set<String> actual = inRedis.getOrDefault(id, Set.of());
                List<UserId> missing = new ArrayList<>();
                for (String member : expected) {
                    if (!actual.contains(member)) {
                        missing.add(UserId.parse(member));
                    }
                }
                List<String> extra = actual.stream().filter(member -> !expected.contains(member)).toList();
                if (!missing.isEmpty()) {
                    memberSets.add(id, missing);
                }
                if (!extra.isEmpty()) {
                    memberSets.remove(id, extra);
                }
                added += missing.size();
                removed += extra.size();
            }
            seen += ids.size();
            after = ids.getLast().value();
        }
        meters.counter("pushfleet.chat.member.sets.repaired", "change", "added").increment(added);
        meters.counter("pushfleet.chat.member.sets.repaired", "change", "removed").increment(removed);
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        boolean first = firstRun.getAndSet(false);
        if (added + removed > 0 || first) {
            LOG.info("group membership resync: {} groups, repaired {} missing and {} extra members in Redis in {} ms",
                    seen, added, removed, millis);
        } else {
            LOG.debug("group membership resync: {} groups in step in {} ms", seen, millis);
        }
        return new Result(seen, added, removed);
    }
}
