package io.pushfleet.control.chat;

import io.pushfleet.control.auth.TokenService;
import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.Tokens;
import io.pushfleet.control.uplink.UplinkRow;
import io.pushfleet.control.uplink.UplinkStore;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.kafka.UplinkRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/users/{id}/messages} over rows stored the way the uplink consumer stores them. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class MessageHistoryIT {

    @Inject
    UplinkStore store;

    @Inject
    TokenService tokens;

    private long me;
    private long other;
    private long msgBase;

    @BeforeEach
    void setUp() {
        me = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        other = me + 1;
        msgBase = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50) * 1000;
    }

    private UplinkRow row(long msgOffset, long from, Target to) {
        UplinkRecord.Kind kind = to == null ? UplinkRecord.Kind.UPLINK : UplinkRecord.Kind.SEND;
        return new UplinkRow(new MessageId(msgBase + msgOffset), kind, new UserId(from), new DeviceId("d"),
                "c" + msgOffset, to, "{\"n\":" + msgOffset + ",\"s\":\"\\u00e9\"}", new NodeId("edge-a"),
                Instant.parse("2026-03-01T10:00:00.123Z").plusSeconds(msgOffset), "t" + msgOffset);
    }

    private Response page(long asUser, long ofUser, String query) {
        return given().header("Authorization", Tokens.bearer(tokens, asUser))
                .when().get("/api/users/" + ofUser + "/messages" + query);
    }

    @Test
    void pagesNewestFirstThroughSentAndReceivedMessagesAndNothingElse() {
        List<UplinkRow> rows = new ArrayList<>();
        rows.add(row(1, me, new Target.User(new UserId(other))));
        rows.add(row(2, other, new Target.User(new UserId(me))));
        rows.add(row(3, other, new Target.User(new UserId(other + 1))));
        rows.add(row(4, me, null));
        rows.add(row(5, me, new Target.Group(new GroupId(77))));
        rows.add(row(6, me, new Target.User(new UserId(me))));
        store.persist(rows);

        JsonPath first = page(me, me, "?limit=2").then().statusCode(200).extract().jsonPath();
        JsonPath second = page(me, me, "?limit=2&before=" + first.getString("next")).then().extract().jsonPath();
        JsonPath third = page(me, me, "?limit=2&before=" + second.getString("next")).then().extract().jsonPath();

        assertThat(first.getList("messages.msgId")).containsExactly(id(6), id(5));
        assertThat(second.getList("messages.msgId")).containsExactly(id(4), id(2));
        assertThat(third.getList("messages.msgId")).containsExactly(id(1));
        assertThat(third.getString("next")).isNull();
        assertThat(first.getLong("messages[1].to.group")).isEqualTo(77);
        assertThat(first.getMap("messages[1].to")).containsOnlyKeys("group");
        assertThat(second.getString("messages[0].kind")).isEqualTo("uplink");
        assertThat(second.getString("messages[0].to")).isNull();
        assertThat(second.getLong("messages[1].from")).isEqualTo(other);
        assertThat(second.getLong("messages[1].to.user")).isEqualTo(me);
        assertThat(second.getInt("messages[1].body.n")).isEqualTo(2);
        assertThat(second.getString("messages[1].body.s")).isEqualTo("\u00e9");
        assertThat(second.getString("messages[1].receivedAt")).isEqualTo("2026-03-01T10:00:02.123Z");
    }

    @Test
    void answersAnEmptyPageForAUserWithoutMessages() {
        JsonPath page = page(me, me, "").then().statusCode(200).extract().jsonPath();

        assertThat(page.getList("messages")).isEmpty();
        assertThat(page.getString("next")).isNull();
    }

    @Test
    void refusesAnotherUsersHistoryWith403() {
        store.persist(List.of(row(1, other, null)));

        Response response = page(me, other, "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.jsonPath().getString("code")).isEqualTo("forbidden");
        assertThat(response.asString()).doesNotContain(id(1));
    }

    @Test
    void refusesAMissingOrForgedTokenWith401() {
        Response missing = given().when().get("/api/users/" + me + "/messages");
        Response forged = given().header("Authorization", Tokens.forgedBearer(tokens, me))
                .when().get("/api/users/" + me + "/messages");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.jsonPath().getString("code")).isEqualTo("unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?limit=0", "?limit=201", "?limit=x", "?before=abc", "?before=-3"})
    void refusesABadLimitOrCursorWith400(String query) {
        Response response = page(me, me, query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("invalid_request");
    }

    private String id(long msgOffset) {
        return Long.toString(msgBase + msgOffset);
    }
}
