package io.pushfleet.control.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link GroupRepository} on MySQL with plain JDBC: member lists are written as multi-row inserts and
 * read with {@code IN} lists of at most {@link Sql#IN_CHUNK} ids, which Hibernate would do row by row.
 * Changes to an existing group first lock its {@code chat_groups} row ({@code SELECT ... FOR UPDATE}),
 * so additions and removals of one group run one after the other and the member limit holds.
 */
@ApplicationScoped
public class JdbcGroupRepository implements GroupRepository {

    private final DataSource db;

    public JdbcGroupRepository(DataSource db) {
        this.db = db;
    }

    @Override
    @Transactional
    public GroupId create(String name, UserId owner, Set<UserId> members, Instant createdAt) {
        if (!members.contains(owner)) {
            throw new IllegalArgumentException("members: must contain the owner " + owner);
        }
        try (Connection c = db.getConnection()) {
            GroupId groupId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO chat_groups (name, owner_id, created_at) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setLong(2, owner.value());
                ps.setString(3, Sql.dateTime(createdAt));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    groupId = new GroupId(keys.getLong(1));
                }
            }
            insertMembers(c, groupId, members, createdAt);
            return groupId;
        } catch (SQLException e) {
            throw Sql.failed("create group", e);
        }
    }

    @Override
    public Optional<Group> find(GroupId groupId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT name, owner_id, created_at FROM chat_groups WHERE id = ?")) {
            ps.setLong(1, groupId.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Group(groupId, rs.getString(1), new UserId(rs.getLong(2)),
                        Sql.instant(rs, 3)));
            }
        } catch (SQLException e) {
            throw Sql.failed("find group", e);
        }
    }

    @Override
    public List<UserId> members(GroupId groupId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT user_id FROM group_members WHERE group_id = ? ORDER BY user_id")) {
            ps.setLong(1, groupId.value());
            List<UserId> members = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(new UserId(rs.getLong(1)));
                }
            }
            return members;
        } catch (SQLException e) {
            throw Sql.failed("read group members", e);
        }
    }

    @Override
    public boolean isMember(GroupId groupId, UserId userId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?")) {
            ps.setLong(1, groupId.value());
            ps.setLong(2, userId.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Sql.failed("check group member", e);
        }
    }

    @Override
    @Transactional(rollbackOn = GroupFullException.class)
    public List<UserId> addMembers(GroupId groupId, Set<UserId> userIds, int maxMembers, Instant addedAt)
            throws GroupFullException {
        try (Connection c = db.getConnection()) {
            lockGroup(c, groupId);
            int count;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM group_members WHERE group_id = ?")) {
                ps.setLong(1, groupId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count = rs.getInt(1);
                }
            }
            Set<UserId> present = new HashSet<>();
            for (List<UserId> chunk : Sql.chunks(userIds, Sql.IN_CHUNK)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM group_members WHERE group_id = ?"
                        + " AND user_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                    ps.setLong(1, groupId.value());
                    Sql.setIds(ps, 2, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            present.add(new UserId(rs.getLong(1)));
                        }
                    }
                }
            }
            TreeSet<UserId> added = new TreeSet<>(Comparator.comparingLong(UserId::value));
            userIds.stream().filter(id -> !present.contains(id)).forEach(added::add);
            if (count + added.size() > maxMembers) {
                throw new GroupFullException(count + added.size(), maxMembers);
            }
            insertMembers(c, groupId, added, addedAt);
            return List.copyOf(added);
        } catch (SQLException e) {
            throw Sql.failed("add group members", e);
        }
    }

    @Override
    @Transactional
    public boolean removeMember(GroupId groupId, UserId userId) {
        try (Connection c = db.getConnection()) {
            lockGroup(c, groupId);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM group_members WHERE group_id = ? AND user_id = ?")) {
                ps.setLong(1, groupId.value());
                ps.setLong(2, userId.value());
                return ps.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw Sql.failed("remove group member", e);
        }
    }

    @Override
    public Set<UserId> existingUsers(Collection<UserId> userIds) {
        Set<UserId> existing = new HashSet<>();
        try (Connection c = db.getConnection()) {
            for (List<UserId> chunk : Sql.chunks(userIds, Sql.IN_CHUNK)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM accounts WHERE id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                    Sql.setIds(ps, 1, chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            existing.add(new UserId(rs.getLong(1)));
                        }
                    }
                }
            }
            return existing;
        } catch (SQLException e) {
            throw Sql.failed("check accounts", e);
        }
    }

    @Override
    public List<GroupId> groupIdsAfter(long afterId, int limit) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM chat_groups WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            List<GroupId> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(new GroupId(rs.getLong(1)));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw Sql.failed("list groups", e);
        }
    }

    @Override
    public Map<GroupId, Set<UserId>> members(Collection<GroupId> groupIds) {
        Map<GroupId, Set<UserId>> members = new HashMap<>();
        List<Long> ids = groupIds.stream().map(GroupId::value).toList();
        try (Connection c = db.getConnection()) {
            for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT group_id, user_id FROM group_members"
                        + " WHERE group_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            members.computeIfAbsent(new GroupId(rs.getLong(1)), id -> new HashSet<>())
                                    .add(new UserId(rs.getLong(2)));
                        }
                    }
                }
            }
            return members;
        } catch (SQLException e) {
            throw Sql.failed("read members of groups", e);
        }
    }

    private static void lockGroup(Connection c, GroupId groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM chat_groups WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, groupId.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("group " + groupId + " does not exist");
                }
            }
        }
    }

    private static void insertMembers(Connection c, GroupId groupId, Collection<UserId> userIds, Instant at)
            throws SQLException {
        for (List<UserId> chunk : Sql.chunks(userIds, Sql.INSERT_CHUNK)) {
            StringBuilder sql = new StringBuilder("INSERT INTO group_members (group_id, user_id, added_at) VALUES ");
            sql.append("(?, ?, ?), ".repeat(chunk.size()));
            sql.setLength(sql.length() - 2);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (UserId userId : chunk) {
                    ps.setLong(p++, groupId.value());
                    ps.setLong(p++, userId.value());
                    ps.setString(p++, Sql.dateTime(at));
                }
                ps.executeUpdate();
            }
        }
    }
}
