package io.pushfleet.control.chat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipSyncTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryGroupRepository repository = new InMemoryGroupRepository();
    private final InMemoryGroupMemberSets sets = new InMemoryGroupMemberSets();
    // A chunk of 2 over 5 groups exercises the walk across chunk boundaries.
    private final MembershipSync sync = new MembershipSync(repository, sets, 2, new SimpleMeterRegistry());

    private GroupId group(long... members) {
        Set<UserId> ids = new java.util.LinkedHashSet<>();
        for (long m : members) {
            ids.add(new UserId(m));
        }
        return repository.create("g", new UserId(members[0]), ids, AT);
    }

    @Test
    void rebuildsEverySetOfAFlushedRedis() {
        GroupId[] groups = {group(1, 2), group(3), group(4, 5, 6), group(7), group(8, 9)};

        MembershipSync.Result result = sync.syncAll();

        assertThat(result.groups()).isEqualTo(5);
        assertThat(result.added()).isEqualTo(9);
        assertThat(sets.set(groups[2])).containsExactlyInAnyOrder("4", "5", "6");
        assertThat(sets.set(groups[4])).containsExactlyInAnyOrder("8", "9");
    }

    @Test
    void addsMissingAndRemovesExtraAndUnreadableMembersWithoutTouchingSetsInStep() {
        GroupId drifted = group(1, 2, 3);
        GroupId inStep = group(4, 5);
        sets.put(drifted, Set.of("1", "3", "99", "garbage"));
        sets.put(inStep, Set.of("4", "5"));

        MembershipSync.Result result = sync.syncAll();

        assertThat(sets.set(drifted)).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(sets.set(inStep)).containsExactlyInAnyOrder("4", "5");
        assertThat(result.added()).isEqualTo(1);
        assertThat(result.removed()).isEqualTo(2);
    }

    @Test
    void changesNothingWhenEverythingIsInStep() {
        group(1, 2);
        sync.syncAll();

        MembershipSync.Result again = sync.syncAll();

        assertThat(again.added() + again.removed()).isZero();
    }
}
