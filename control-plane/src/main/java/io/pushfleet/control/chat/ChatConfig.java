package io.pushfleet.control.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of chat groups and history, under {@code push.chat.}; described in {@code application.properties}
 * and docs/control-plane.md. Checked as a whole by {@link #problems()} when the group service starts.
 */
@ConfigMapping(prefix = "push.chat")
public interface ChatConfig {

    /** Most members a group may have, owner included; also the longest id list one request may carry. Default 10000. */
    @WithDefault("10000")
    int maxGroupMembers();

    /** How often every group's Redis member set is compared with MySQL and repaired; also run at startup. Default 5m. */
    @WithDefault("5m")
    Duration membershipResyncInterval();

    /** Groups read and compared per round trip of the resync. Default 500. */
    @WithDefault("500")
    int membershipResyncChunk();

    /** How long {@code GroupDirectory} keeps a group's members in memory (changes made here invalidate at once). Default 30s. */
    @WithDefault("30s")
    Duration directoryCacheTtl();

    /** Most groups {@code GroupDirectory} keeps in memory. Default 1000. */
    @WithDefault("1000")
    int directoryCacheSize();

    /** Every problem with these settings, in words an operator can act on; empty when usable. */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (maxGroupMembers() < 2 || maxGroupMembers() > 100_000) {
            problems.add("push.chat.max-group-members: " + maxGroupMembers() + " (expected: 2..100000)");
        }
        if (!membershipResyncInterval().isPositive()) {
            problems.add("push.chat.membership-resync-interval: " + membershipResyncInterval() + " (expected: > 0)");
        }
        if (membershipResyncChunk() < 1 || membershipResyncChunk() > 5_000) {
            problems.add("push.chat.membership-resync-chunk: " + membershipResyncChunk() + " (expected: 1..5000)");
        }
        if (directoryCacheTtl().isNegative()) {
            problems.add("push.chat.directory-cache-ttl: " + directoryCacheTtl() + " (expected: >= 0)");
        }
        if (directoryCacheSize() < 0) {
            problems.add("push.chat.directory-cache-size: " + directoryCacheSize() + " (expected: >= 0)");
        }
        return problems;
    }
}
