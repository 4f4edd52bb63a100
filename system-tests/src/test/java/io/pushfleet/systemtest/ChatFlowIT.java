package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.GroupId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat and uplink end to end (DESIGN flows 7 and 8): messages between clients on different edge
 * processes, group fan-out with membership enforced, offline recipients served when they return, and
 * every uplink persisted through Kafka exactly once.
 */
@ExtendWith(FleetExtension.class)
class ChatFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void sendsPointToPointAcrossEdgesWithAReceipt(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User alice = users.onlineAt("alice", fleet.edges().get(0));
            Users.User bob = users.onlineAt("bob", fleet.edges().get(1));

            alice.connection().send(new Frame.Send(new Target.User(bob.id()), new RawJson("{\"text\":\"hi bob\"}"), "c-1"));

            Frame.Receipt receipt = alice.inbox().await(Frame.Receipt.class, WAIT);
            assertThat(receipt.clientMsgId()).isEqualTo("c-1");
            assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
            Frame.Push push = bob.inbox().awaitPush(WAIT);
            assertThat(push.from()).isEqualTo(alice.id());
            assertThat(push.msgId()).isEqualTo(receipt.msgId());
            assertThat(push.body().json()).isEqualTo("{\"text\":\"hi bob\"}");
            PushFlowIT.assertNoMorePushes(bob);
        }
    }

    @Test
    void groupChatReachesMembersOnBothEdgesAndRefusesOutsiders(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User owner = users.onlineAt("owner", fleet.edges().get(0));
            Users.User near = users.onlineAt("near", fleet.edges().get(0));
            Users.User far = users.onlineAt("far", fleet.edges().get(1));
            Users.User outsider = users.onlineAt("outsider", fleet.edges().get(1));
            GroupId group = new GroupId(PushFlowIT.createGroup(fleet, owner, near.id(), far.id()));

            owner.connection().send(new Frame.Send(new Target.Group(group), new RawJson("\"hello team\""), "g-1"));
            outsider.connection().send(new Frame.Send(new Target.Group(group), new RawJson("\"let me in\""), "x-1"));

            assertThat(owner.inbox().await(Frame.Receipt.class, WAIT).status()).isEqualTo(ReceiptStatus.ACCEPTED);
            for (Users.User member : new Users.User[] {near, far}) {
                Frame.Push push = member.inbox().awaitPush(WAIT);
                assertThat(push.from()).isEqualTo(owner.id());
                assertThat(push.body().json()).isEqualTo("\"hello team\"");
                PushFlowIT.assertNoMorePushes(member);
            }
            assertThat(outsider.inbox().await(Frame.Receipt.class, WAIT).status()).isEqualTo(ReceiptStatus.NOT_MEMBER);
        }
    }

    @Test
    void aMessageForAnOfflineUserArrivesWhenTheyConnect(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User alice = users.online("sender");
            Users.User bob = users.registered("away");

            alice.connection().send(new Frame.Send(new Target.User(bob.id()), new RawJson("\"while you were out\""), "o-1"));
            Frame.Receipt receipt = alice.inbox().await(Frame.Receipt.class, WAIT);
            assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);

            Users.User back = users.connect(bob);

            Frame.Push push = back.inbox().awaitPush(WAIT);
            assertThat(push.msgId()).isEqualTo(receipt.msgId());
            assertThat(push.from()).isEqualTo(alice.id());
        }
    }

    @Test
    void persistsAnUplinkOnceEvenWhenTheClientSendsItTwice(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User device = users.online("sensor");

            for (int i = 0; i < 2; i++) {
                device.connection().send(new Frame.Uplink(new RawJson("{\"temp\":21.5}"), "reading-1"));
                assertThat(device.inbox().await(Frame.Receipt.class, WAIT).status()).isEqualTo(ReceiptStatus.ACCEPTED);
            }

            AdminApi api = fleet.asUser(device.login().token());
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode messages = api.get("/api/users/" + device.id() + "/messages").body().path("messages");
                assertThat(messages).hasSize(1);
                assertThat(messages.get(0).path("body").path("temp").asDouble()).isEqualTo(21.5);
            });
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                    assertThat(api.get("/api/users/" + device.id() + "/messages").body().path("messages")).hasSize(1));
        }
    }
}
