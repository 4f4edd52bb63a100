package io.pushfleet.control.chat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GroupServiceTest {

    private static final UserId OWNER = new UserId(1);
    private static final UserId ANN = new UserId(2);
    private static final UserId BOB = new UserId(3);
    private static final UserId STRANGER = new UserId(4);
    private static final int MAX_MEMBERS = 5;

    private final InMemoryGroupRepository repository = new InMemoryGroupRepository().accounts(1, 2, 3, 4, 5, 6, 7);
    private final InMemoryGroupMemberSets sets = new InMemoryGroupMemberSets();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CachingGroupDirectory directory =
            new CachingGroupDirectory(repository, Duration.ofMinutes(10), 100, System::nanoTime);
    private final GroupService service = new GroupService(repository, sets, directory, MAX_MEMBERS,
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC), meters);

    private static ErrorCode refusal(Executable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::execute);
        assertThat(e).as("refused").isNotNull();
        return e.errorCode();
    }

    private GroupId create(Long... members) {
        return new GroupId(service.create(OWNER, new CreateGroupRequest("friends", Arrays.asList(members))).groupId());
    }

    private static Set<String> ids(UserId... users) {
        return Arrays.stream(users).map(UserId::toString).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void createsAGroupOwnedByItsCreatorWhoIsAlsoAMemberAndMirrorsItIntoRedis() {
        GroupId group = create(2L, 3L, 2L);

        GroupMembersResponse view = service.members(OWNER, group);
        assertThat(view.ownerId()).isEqualTo(1);
        assertThat(view.name()).isEqualTo("friends");
        assertThat(view.members()).containsExactly(1L, 2L, 3L);
        assertThat(sets.set(group)).isEqualTo(ids(OWNER, ANN, BOB));
        assertThat(directory.members(group)).containsExactly(OWNER, ANN, BOB);
    }

    @Test
    void createsAGroupOfTheCreatorAloneWhenNoMembersAreGiven() {
        GroupId group = new GroupId(service.create(OWNER, new CreateGroupRequest("solo", null)).groupId());

        assertThat(service.members(OWNER, group).members()).containsExactly(1L);
    }

    @Test
    void refusesUnknownUserIdsWithoutCreatingAnything() {
        assertThat(refusal(() -> create(2L, 99L))).isEqualTo(ErrorCode.UNKNOWN_USER);
        assertThat(repository.groupIdsAfter(0, 10)).isEmpty();
    }

    @Test
    void refusesInvalidNamesAndIds() {
        assertThat(refusal(() -> service.create(OWNER, new CreateGroupRequest("", List.of())))).isEqualTo(ErrorCode.INVALID_GROUP_NAME);
        assertThat(refusal(() -> service.create(OWNER, new CreateGroupRequest("x".repeat(65), List.of()))))
                .isEqualTo(ErrorCode.INVALID_GROUP_NAME);
        assertThat(refusal(() -> service.create(OWNER, new CreateGroupRequest(null, List.of())))).isEqualTo(ErrorCode.INVALID_GROUP_NAME);
        assertThat(refusal(() -> create(2L, 0L))).isEqualTo(ErrorCode.INVALID_USER_ID);
        assertThat(refusal(() -> create(2L, -7L))).isEqualTo(ErrorCode.INVALID_USER_ID);
        assertThat(refusal(() -> service.create(OWNER, null))).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void acceptsAFullGroupAndRefusesOneMemberMoreOwnerIncluded() {
        GroupId full = create(2L, 3L, 4L, 5L);

        assertThat(service.members(OWNER, full).members()).hasSize(MAX_MEMBERS);
        assertThat(refusal(() -> create(2L, 3L, 4L, 5L, 6L))).isEqualTo(ErrorCode.TOO_MANY_MEMBERS);
        assertThat(refusal(() -> create(LongStream.rangeClosed(2, 7).boxed().toArray(Long[]::new))))
                .isEqualTo(ErrorCode.TOO_MANY_MEMBERS);
    }

    @Test
    void refusesAdditionsBeyondTheLimit() {
        GroupId group = create(2L, 3L);

        assertThat(refusal(() -> service.addMembers(OWNER, group, new AddMembersRequest(List.of(4L, 5L, 6L)))))
                .isEqualTo(ErrorCode.TOO_MANY_MEMBERS);
        assertThat(service.addMembers(OWNER, group, new AddMembersRequest(List.of(4L, 5L, 2L))).added())
                .containsExactly(4L, 5L);
    }

    @Test
    void letsOnlyTheOwnerAddMembers() {
        GroupId group = create(2L);

        assertThat(refusal(() -> service.addMembers(ANN, group, new AddMembersRequest(List.of(3L))))).isEqualTo(ErrorCode.NOT_OWNER);
        assertThat(refusal(() -> service.addMembers(STRANGER, group, new AddMembersRequest(List.of(3L)))))
                .isEqualTo(ErrorCode.NOT_OWNER);
        assertThat(service.members(OWNER, group).members()).containsExactly(1L, 2L);

        AddMembersResponse added = service.addMembers(OWNER, group, new AddMembersRequest(List.of(3L)));

        assertThat(added.added()).containsExactly(3L);
        assertThat(sets.set(group)).isEqualTo(ids(OWNER, ANN, BOB));
    }

    @Test
    void refusesAnEmptyOrUnknownAddition() {
        GroupId group = create(2L);

        assertThat(refusal(() -> service.addMembers(OWNER, group, new AddMembersRequest(List.of())))).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal(() -> service.addMembers(OWNER, group, new AddMembersRequest(List.of(42L))))).isEqualTo(ErrorCode.UNKNOWN_USER);
    }

    @Test
    void showsMembersOnlyToMembersAndAnswersUnknownGroupsWith404() {
        GroupId group = create(2L);

        assertThat(service.members(ANN, group).members()).containsExactly(1L, 2L);
        assertThat(refusal(() -> service.members(STRANGER, group))).isEqualTo(ErrorCode.NOT_MEMBER);
        assertThat(refusal(() -> service.members(OWNER, new GroupId(999)))).isEqualTo(ErrorCode.UNKNOWN_GROUP);
    }

    @Test
    void letsTheOwnerRemoveOthersAndUpdatesRedisAndTheDirectory() {
        GroupId group = create(2L, 3L);
        assertThat(directory.members(group)).contains(ANN);

        service.removeMember(OWNER, group, ANN);

        assertThat(service.members(OWNER, group).members()).containsExactly(1L, 3L);
        assertThat(sets.set(group)).isEqualTo(ids(OWNER, BOB));
        assertThat(directory.members(group)).containsExactly(OWNER, BOB);
    }

    @Test
    void letsAMemberLeaveButNotRemoveOthers() {
        GroupId group = create(2L, 3L);

        assertThat(refusal(() -> service.removeMember(ANN, group, BOB))).isEqualTo(ErrorCode.NOT_OWNER);
        assertThat(refusal(() -> service.removeMember(STRANGER, group, BOB))).isEqualTo(ErrorCode.NOT_MEMBER);
        service.removeMember(ANN, group, ANN);

        assertThat(service.members(OWNER, group).members()).containsExactly(1L, 3L);
        assertThat(refusal(() -> service.members(ANN, group))).isEqualTo(ErrorCode.NOT_MEMBER);
    }

    @Test
    void neverRemovesTheOwnerSoTheRedisSetNeverEmpties() {
        GroupId group = create();

        assertThat(refusal(() -> service.removeMember(OWNER, group, OWNER))).isEqualTo(ErrorCode.OWNER_NOT_REMOVABLE);
        assertThat(sets.set(group)).isEqualTo(ids(OWNER));
        assertThat(directory.exists(group)).isTrue();
    }

    @Test
    void hidesWhoOwnsAGroupFromStrangersTryingToRemoveTheOwner() {
        GroupId group = create(2L);

        assertThat(refusal(() -> service.removeMember(STRANGER, group, OWNER))).isEqualTo(ErrorCode.NOT_MEMBER);
    }

    @Test
    void keepsMySqlChangesWhenRedisFailsAndCountsTheFailure() {
        GroupId group = create(2L);
        sets.failing(true);

        service.addMembers(OWNER, group, new AddMembersRequest(List.of(3L)));

        assertThat(service.members(OWNER, group).members()).containsExactly(1L, 2L, 3L);
        assertThat(meters.counter("pushfleet.chat.member.sets.failures").count()).isEqualTo(1);
    }
}
