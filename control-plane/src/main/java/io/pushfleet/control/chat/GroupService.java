package io.pushfleet.control.chat;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chat groups (DESIGN 3.7): create, list, add and remove members, with the rules of who may do what.
 * Every change is committed to MySQL first, then mirrored into the group's Redis set for the edges, then
 * dropped from the {@link CachingGroupDirectory}. A failed Redis write does not fail the call (MySQL is
 * the record of truth): it is logged and counted in {@code pushfleet_chat_member_sets_failures_total},
 * and {@link MembershipSync} repairs the set within one resync interval.
 */
@Startup // so that a bad push.chat.* setting stops startup, not the first request
@ApplicationScoped
public class GroupService {

    private static final Logger LOG = LoggerFactory.getLogger(GroupService.class);
    /** Unknown ids named in a refusal; the rest are counted. */
    private static final int UNKNOWN_IDS_SHOWN = 10;

    private final GroupRepository groups;
    private final GroupMemberSets memberSets;
    private final CachingGroupDirectory directory;
    private final int maxMembers;
    private final Clock clock;
    private final MeterRegistry meters;

    @Inject
    public GroupService(GroupRepository groups, GroupMemberSets memberSets, CachingGroupDirectory directory,
                        ChatConfig config, Clock clock, MeterRegistry meters) {
        this(groups, memberSets, directory, config.maxGroupMembers(), clock, meters);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
    }

    public GroupService(GroupRepository groups, GroupMemberSets memberSets, CachingGroupDirectory directory,
                        int maxMembers, Clock clock, MeterRegistry meters) {
        this.groups = groups;
        this.memberSets = memberSets;
        this.directory = directory;
        this.maxMembers = maxMembers;
        this.clock = clock;
        this.meters = meters;
    }

    public CreateGroupResponse create(UserId caller, CreateGroupRequest request) {
        if (request == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "request body: missing");
        }
        String name = GroupRules.requireValidName(request.name());
        Set<UserId> members = new LinkedHashSet<>();
        members.add(caller);
        members.addAll(GroupRules.requireUserIds("members", request.members(), maxMembers));
        if (members.size() > maxMembers) {
            throw tooMany(members.size());
        }
        requireAccounts(members);
        GroupId groupId = groups.create(name, caller, members, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        mirrorAdded(groupId, members);
        directory.invalidate(groupId);
        meters.counter("pushfleet.chat.groups.created").increment();
        LOG.info("userId={} created groupId={} with {} members", caller, groupId, members.size());
        return new CreateGroupResponse(groupId.value());
    }

    public GroupMembersResponse members(UserId caller, GroupId groupId) {
        Group group = requireGroup(groupId);
        List<UserId> members = groups.members(groupId);
        if (!members.contains(caller)) {
            throw new ApiException(ErrorCode.NOT_MEMBER, "userId " + caller + " is not a member of group " + groupId);
        }
        return new GroupMembersResponse(groupId.value(), group.name(), group.owner().value(),
                members.stream().map(UserId::value).toList());
    }

    public AddMembersResponse addMembers(UserId caller, GroupId groupId, AddMembersRequest request) {
        Group group = requireGroup(groupId);
        requireOwner(group, caller);
        if (request == null || request.userIds() == null || request.userIds().isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "userIds: missing or empty (expected: 1.." + maxMembers + " ids)");
        }
        Set<UserId> userIds = GroupRules.requireUserIds("userIds", request.userIds(), maxMembers);
        requireAccounts(userIds);
        List<UserId> added;
        try {
            added = groups.addMembers(groupId, userIds, maxMembers, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        } catch (GroupFullException e) {
            throw tooMany(e.wouldHave());
        }
        // All requested ids, not only the new ones: re-adding heals a set that missed an earlier write.
        mirrorAdded(groupId, userIds);
        directory.invalidate(groupId);
        LOG.info("userId={} added {} members to groupId={}", caller, added.size(), groupId);
        return new AddMembersResponse(groupId.value(), added.stream().map(UserId::value).toList());
    }

    /** The owner may remove anyone but themself; any member may remove themself (leave). */
    public void removeMember(UserId caller, GroupId groupId, UserId member) {
        Group group = requireGroup(groupId);
        // Permission first, so that a stranger cannot probe who owns the group.
        if (!caller.equals(group.owner()) && !caller.equals(member)) {
            if (!groups.isMember(groupId, caller)) {
                throw new ApiException(ErrorCode.NOT_MEMBER, "userId " + caller + " is not a member of group " + groupId);
            }
            throw new ApiException(ErrorCode.NOT_OWNER,
                    "only the owner of group " + groupId + " may remove other members");
        }
        if (member.equals(group.owner())) {
            throw new ApiException(ErrorCode.OWNER_NOT_REMOVABLE,
                    "userId " + member + " owns group " + groupId + " and cannot be removed");
        }
        boolean removed = groups.removeMember(groupId, member);
        try {
            memberSets.remove(groupId, List.of(member.toString()));
        } catch (RuntimeException e) {
            mirrorFailed(groupId, e);
        }
        directory.invalidate(groupId);
        if (removed) {
            LOG.info("userId={} removed userId={} from groupId={}", caller, member, groupId);
        }
    }

    private Group requireGroup(GroupId groupId) {
        return groups.find(groupId)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_GROUP, "group " + groupId + " does not exist"));
    }

    private static void requireOwner(Group group, UserId caller) {
        if (!group.owner().equals(caller)) {
            throw new ApiException(ErrorCode.NOT_OWNER, "only the owner of group " + group.id() + " may add members");
        }
    }

    private void requireAccounts(Collection<UserId> userIds) {
        Set<UserId> existing = groups.existingUsers(userIds);
        if (existing.size() == userIds.size()) {
            return;
        }
        List<UserId> unknown = userIds.stream().filter(id -> !existing.contains(id)).toList();
        String shown = unknown.stream().limit(UNKNOWN_IDS_SHOWN).map(UserId::toString).collect(Collectors.joining(", "));
        String more = unknown.size() > UNKNOWN_IDS_SHOWN ? " and " + (unknown.size() - UNKNOWN_IDS_SHOWN) + " more" : "";
        throw new ApiException(ErrorCode.UNKNOWN_USER, "no account for user ids " + shown + more);
    }

    private ApiException tooMany(int wouldHave) {
        return new ApiException(ErrorCode.TOO_MANY_MEMBERS,
                "members: " + wouldHave + " (expected: <= " + maxMembers + ", owner included)");
    }

    private void mirrorAdded(GroupId groupId, Collection<UserId> userIds) {
        try {
            memberSets.add(groupId, userIds);
        } catch (RuntimeException e) {
            mirrorFailed(groupId, e);
        }
    }

    private void mirrorFailed(GroupId groupId, RuntimeException e) {
        meters.counter("pushfleet.chat.member.sets.failures").increment();
        LOG.warn("groupId={} Redis member set not updated, the next resync repairs it: {}", groupId, e.toString());
    }
}
