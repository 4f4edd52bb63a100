package io.pushfleet.control.chat;

import io.pushfleet.control.push.GroupDirectory;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@link GroupDirectory} over MySQL with a small in-process cache: a group's member list is kept for
 * {@code push.chat.directory-cache-ttl}, at most {@code push.chat.directory-cache-size} groups (an
 * arbitrary entry makes room). {@link GroupService} invalidates a group as soon as it changes it here;
 * a change made by another control plane is seen here after at most the TTL. Unknown groups are not
 * cached, so a group created elsewhere exists here at once.
 *
 * <p>A group exists exactly when it has members: the owner is a member and can never be removed.
 */
@ApplicationScoped
public class CachingGroupDirectory implements GroupDirectory {

    private record Entry(List<UserId> members, long loadedAtNanos) {
    }

    private final GroupRepository groups;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<GroupId, Entry> cache = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a load that overlapped one must not leave its (maybe older) result behind. */
    private final AtomicLong generation = new AtomicLong();

    @Inject
    public CachingGroupDirectory(GroupRepository groups, ChatConfig config) {
        this(groups, config.directoryCacheTtl(), config.directoryCacheSize(), System::nanoTime);
    }

    public CachingGroupDirectory(GroupRepository groups, Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this.groups = groups;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    /** The members ordered by user id; empty for an unknown group. The list is immutable. */
    @Override
    public List<UserId> members(GroupId groupId) {
        long now = nanoTime.getAsLong();
        Entry cached = cache.get(groupId);
        if (cached != null && now - cached.loadedAtNanos() < ttlNanos) {
            return cached.members();
        }
        long before = generation.get();
        List<UserId> members = List.copyOf(groups.members(groupId));
        if (!members.isEmpty() && maxEntries > 0 && ttlNanos > 0) {
            makeRoom();
            Entry entry = new Entry(members, now);
            cache.put(groupId, entry);
            if (generation.get() != before) {
                // An invalidation ran while we read: what we read may predate it.
                cache.remove(groupId, entry);
            }
        }
        return members;
    }

    @Override
    public boolean exists(GroupId groupId) {
        return !members(groupId).isEmpty();
    }

    /** Forgets a group, after a change to it has been committed. */
    public void invalidate(GroupId groupId) {
        generation.incrementAndGet();
        cache.remove(groupId);
    }

    private void makeRoom() {
        Iterator<GroupId> it = cache.keySet().iterator();
        while (cache.size() >= maxEntries && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
