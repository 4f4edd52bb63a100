package io.pushfleet.control.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CachingGroupDirectoryTest {

    private static final UserId OWNER = new UserId(1);
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryGroupRepository repository = new InMemoryGroupRepository();
    private final AtomicLong nanos = new AtomicLong();
    private final CachingGroupDirectory directory =
            new CachingGroupDirectory(repository, Duration.ofSeconds(30), 2, nanos::get);

    private GroupId group() {
        return repository.create("g", OWNER, Set.of(OWNER), AT);
    }

    @Test
    void servesRepeatedReadsFromMemoryWithinTheTtl() {
        GroupId group = group();

        directory.members(group);
        directory.members(group);
        directory.exists(group);

        assertThat(repository.memberReads()).isEqualTo(1);
    }

    @Test
    void seesAChangeMadeElsewhereOnceTheTtlHasPassed() {
        GroupId group = group();
        directory.members(group);
        repository.addDirectly(group, new UserId(2));

        assertThat(directory.members(group)).containsExactly(OWNER);
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(directory.members(group)).containsExactly(OWNER, new UserId(2));
    }

    @Test
    void seesAChangeAtOnceAfterAnInvalidation() {
        GroupId group = group();
        directory.members(group);
        repository.addDirectly(group, new UserId(2));

        directory.invalidate(group);

        assertThat(directory.members(group)).containsExactly(OWNER, new UserId(2));
    }

    @Test
    void doesNotRememberUnknownGroupsSoANewGroupExistsAtOnce() {
        assertThat(directory.exists(new GroupId(1))).isFalse();

        GroupId created = group();

        assertThat(created).isEqualTo(new GroupId(1));
        assertThat(directory.exists(created)).isTrue();
    }

    @Test
    void keepsNoMoreGroupsThanItsSize() {
        GroupId a = group();
        GroupId b = group();
        GroupId c = group();
        directory.members(a);
        directory.members(b);
        directory.members(c);
        int reads = repository.memberReads();

        directory.members(a);
        directory.members(b);
        directory.members(c);

        assertThat(repository.memberReads() - reads).as("re-reads after eviction").isPositive();
    }
}
