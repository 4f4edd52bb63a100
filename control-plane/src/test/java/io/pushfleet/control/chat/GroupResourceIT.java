package io.pushfleet.control.chat;

import io.pushfleet.control.auth.TokenService;
import io.pushfleet.control.push.GroupDirectory;
import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.Tokens;
import io.pushfleet.control.support.Users;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Groups over HTTP against real MariaDB and Redis: what clients, edges (Redis sets) and pushes (GroupDirectory) see. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class GroupResourceIT {

    @Inject
    TokenService tokens;

    @Inject
    RedisDataSource redis;

    @Inject
    GroupDirectory directory;

    @Inject
    MembershipSync sync;

    @Inject
    DataSource db;

    private RequestSpecification as(long userId) {
        return given().header("Authorization", Tokens.bearer(tokens, userId));
    }

    private long create(long owner, String name, List<Long> members) {
        return as(owner).contentType(ContentType.JSON).body(Map.of("name", name, "members", members))
                .when().post("/api/groups")
                .then().statusCode(201)
                .extract().jsonPath().getLong("groupId");
    }

    private Set<String> redisMembers(long groupId) {
        return redis.set(String.class).smembers(RedisKeys.groupMembers(new GroupId(groupId)));
    }

    private static Set<String> decimal(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.toSet());
    }

    @Test
    void createsAGroupWith201WhoseCreatorIsOwnerAndMemberAndWhoseRedisSetMatches() {
        long owner = Users.registerId();
        long ann = Users.registerId();
        long bob = Users.registerId();

        long groupId = create(owner, "weekend plans", List.of(ann, bob, ann));

        Response members = as(ann).when().get("/api/groups/" + groupId + "/members");
        assertThat(members.statusCode()).isEqualTo(200);
        assertThat(members.jsonPath().getLong("groupId")).isEqualTo(groupId);
        assertThat(members.jsonPath().getString("name")).isEqualTo("weekend plans");
        assertThat(members.jsonPath().getLong("ownerId")).isEqualTo(owner);
        assertThat(members.jsonPath().getList("members", Long.class)).containsExactlyInAnyOrder(owner, ann, bob);
        assertThat(redisMembers(groupId)).isEqualTo(decimal(owner, ann, bob));
        assertThat(directory.members(new GroupId(groupId))).extracting(UserId::value)
                .containsExactlyInAnyOrder(owner, ann, bob);
        assertThat(directory.exists(new GroupId(groupId))).isTrue();
    }

    @Test
    void refusesAnAdditionByAMemberWhoIsNotTheOwnerWith403() {
        long owner = Users.registerId();
        long ann = Users.registerId();
        long bob = Users.registerId();
        long groupId = create(owner, "g", List.of(ann));

        Response response = as(ann).contentType(ContentType.JSON).body(Map.of("userIds", List.of(bob)))
                .when().post("/api/groups/" + groupId + "/members");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.jsonPath().getString("code")).isEqualTo("not_owner");
        assertThat(redisMembers(groupId)).isEqualTo(decimal(owner, ann));
    }

    @Test
    void addsMembersForTheOwnerInMySqlRedisAndTheDirectory() {
        long owner = Users.registerId();
        long ann = Users.registerId();
        long groupId = create(owner, "g", List.of());
        assertThat(directory.members(new GroupId(groupId))).extracting(UserId::value).containsExactly(owner);

        Response response = as(owner).contentType(ContentType.JSON).body(Map.of("userIds", List.of(ann, owner)))
                .when().post("/api/groups/" + groupId + "/members");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("added", Long.class)).containsExactly(ann);
        assertThat(redisMembers(groupId)).isEqualTo(decimal(owner, ann));
        assertThat(directory.members(new GroupId(groupId))).extracting(UserId::value).containsExactlyInAnyOrder(owner, ann);
    }

    @Test
    void refusesTheMemberListToANonMemberWith403AndAnUnknownGroupWith404() {
        long owner = Users.registerId();
        long stranger = Users.registerId();
        long groupId = create(owner, "private", List.of());

        Response notMember = as(stranger).when().get("/api/groups/" + groupId + "/members");
        Response unknown = as(owner).when().get("/api/groups/" + Long.MAX_VALUE + "/members");
        Response invalid = as(owner).when().get("/api/groups/abc/members");

        assertThat(notMember.statusCode()).isEqualTo(403);
        assertThat(notMember.jsonPath().getString("code")).isEqualTo("not_member");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.jsonPath().getString("code")).isEqualTo("unknown_group");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.jsonPath().getString("code")).isEqualTo("invalid_group_id");
        assertThat(directory.exists(new GroupId(Long.MAX_VALUE))).isFalse();
    }

    @Test
    void removesAMemberFromMySqlRedisAndTheDirectoryAndLetsAMemberLeave() {
        long owner = Users.registerId();
        long ann = Users.registerId();
        long bob = Users.registerId();
        long groupId = create(owner, "g", List.of(ann, bob));
        GroupId id = new GroupId(groupId);
        assertThat(directory.members(id)).hasSize(3);

        as(owner).when().delete("/api/groups/" + groupId + "/members/" + ann).then().statusCode(204);
        as(bob).when().delete("/api/groups/" + groupId + "/members/" + bob).then().statusCode(204);

        assertThat(redisMembers(groupId)).isEqualTo(decimal(owner));
        assertThat(directory.members(id)).extracting(UserId::value).containsExactly(owner);
        assertThat(as(ann).when().get("/api/groups/" + groupId + "/members").statusCode()).isEqualTo(403);
    }

    @Test
    void refusesToRemoveTheOwnerWith400AndAnotherMemberForANonOwnerWith403() {
        long owner = Users.registerId();
        long ann = Users.registerId();
        long bob = Users.registerId();
        long groupId = create(owner, "g", List.of(ann, bob));

        Response ownerGone = as(owner).when().delete("/api/groups/" + groupId + "/members/" + owner);
        Response notOwner = as(ann).when().delete("/api/groups/" + groupId + "/members/" + bob);

        assertThat(ownerGone.statusCode()).isEqualTo(400);
        assertThat(ownerGone.jsonPath().getString("code")).isEqualTo("owner_not_removable");
        assertThat(notOwner.statusCode()).isEqualTo(403);
        assertThat(notOwner.jsonPath().getString("code")).isEqualTo("not_owner");
        assertThat(redisMembers(groupId)).isEqualTo(decimal(owner, ann, bob));
    }

    @Test
    void refusesUnknownUserIdsWith400AndCreatesNothing() {
        long owner = Users.registerId();

        Response response = as(owner).contentType(ContentType.JSON)
                .body(Map.of("name", "g", "members", List.of(Long.MAX_VALUE - 1)))
                .when().post("/api/groups");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("unknown_user");
        assertThat(response.jsonPath().getString("message")).contains(Long.toString(Long.MAX_VALUE - 1));
    }

    @Test
    void refusesMissingMalformedAndForgedTokensWith401OnEveryRoute() {
        long owner = Users.registerId();
        long groupId = create(owner, "g", List.of());
        String[] refused = {null, "Bearer not-a-token", Tokens.forgedBearer(tokens, owner), "Basic b3duZXI6cHc="};

        for (String authorization : refused) {
            List<Response> responses = new ArrayList<>();
            RequestSpecification[] requests = new RequestSpecification[4];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = authorization == null ? given() : given().header("Authorization", authorization);
            }
            responses.add(requests[0].contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/groups"));
            responses.add(requests[1].get("/api/groups/" + groupId + "/members"));
            responses.add(requests[2].contentType(ContentType.JSON).body(Map.of("userIds", List.of(owner)))
                    .post("/api/groups/" + groupId + "/members"));
            responses.add(requests[3].delete("/api/groups/" + groupId + "/members/" + owner));

            for (Response response : responses) {
                assertThat(response.statusCode()).as("Authorization %s", authorization).isEqualTo(401);
                assertThat(response.jsonPath().getString("code")).isEqualTo("unauthorized");
                assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(response.asString()).doesNotContain("eyJ");
            }
        }
        assertThat(redisMembers(groupId)).isEqualTo(decimal(owner));
    }

    @Test
    void resyncRestoresASetThatLostAMemberOrVanishedAndDropsStrangers() {
        long owner = Users.registerId();
        long ann = Users.registerId();
        long lost = create(owner, "lost a write", List.of(ann));
        long vanished = create(owner, "flushed", List.of(ann));
        redis.set(String.class).srem(RedisKeys.groupMembers(new GroupId(lost)), Long.toString(ann));
        redis.set(String.class).sadd(RedisKeys.groupMembers(new GroupId(lost)), "999999999", "junk");
        redis.key().del(RedisKeys.groupMembers(new GroupId(vanished)));

        sync.syncAll();

        assertThat(redisMembers(lost)).isEqualTo(decimal(owner, ann));
        assertThat(redisMembers(vanished)).isEqualTo(decimal(owner, ann));
    }

    @Test
    void createsAGroupOfTheMaximumSizeAndRefusesOneMore() throws SQLException {
        long owner = Users.registerId();
        String prefix = Users.uniqueName().substring(0, 14) + "_";
        List<Long> others = insertAccounts(prefix, 10_000);
        long groupId = 0;
        try {
            groupId = create(owner, "everyone", others.subList(0, 9_999));
            Response tooMany = as(owner).contentType(ContentType.JSON)
                    .body(Map.of("name", "too many", "members", others)).when().post("/api/groups");

            assertThat(redis.set(String.class).scard(RedisKeys.groupMembers(new GroupId(groupId)))).isEqualTo(10_000);
            assertThat(directory.members(new GroupId(groupId))).hasSize(10_000);
            assertThat(tooMany.statusCode()).isEqualTo(400);
            assertThat(tooMany.jsonPath().getString("code")).isEqualTo("too_many_members");
        } finally {
            // The 10,000 accounts would otherwise pile up in the test database run after run.
            if (groupId > 0) {
                deleteGroup(groupId);
            }
            deleteAccounts(prefix);
        }
    }

    /** Accounts straight into the table (registering 10,000 over HTTP would cost 10,000 bcrypt hashes). */
    private List<Long> insertAccounts(String prefix, int count) throws SQLException {
        try (Connection c = db.getConnection()) {
            StringBuilder sql = new StringBuilder("INSERT INTO accounts (username, password_hash, created_at) VALUES ");
            sql.append("(?, 'x', NOW(6)), ".repeat(count));
            sql.setLength(sql.length() - 2);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < count; i++) {
                    ps.setString(i + 1, prefix + i);
                }
                ps.executeUpdate();
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM accounts WHERE username LIKE ? ORDER BY id")) {
                ps.setString(1, prefix + "%");
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        }
    }

    private void deleteGroup(long groupId) throws SQLException {
        try (Connection c = db.getConnection()) {
            for (String sql : new String[] {"DELETE FROM group_members WHERE group_id = ?", "DELETE FROM chat_groups WHERE id = ?"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, groupId);
                    ps.executeUpdate();
                }
            }
        }
        redis.key().del(RedisKeys.groupMembers(new GroupId(groupId)));
    }

    private void deleteAccounts(String prefix) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM accounts WHERE username LIKE ?")) {
            ps.setString(1, prefix + "%");
            ps.executeUpdate();
        }
    }
}
