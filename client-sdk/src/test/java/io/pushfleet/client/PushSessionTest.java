package io.pushfleet.client;

import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session's reconnect, buffer and dedupe rules on virtual time (docs/client-sdk.md, "Sessions"). */
class PushSessionTest {

    private static final Target BOB = new Target.User(new UserId(7));

    private final SessionHarness h = new SessionHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static Frame.Receipt accepted(String clientMsgId, long msgId) {
        return new Frame.Receipt(clientMsgId, new MessageId(msgId), ReceiptStatus.ACCEPTED);
    }

    private static Frame.Send message(String clientMsgId) {
        return new Frame.Send(BOB, new RawJson("\"" + clientMsgId + "\""), clientMsgId);
    }

    private static List<String> clientMsgIds(FakeWire wire) {
        return wire.sent(Frame.Send.class).stream().map(Frame.Send::clientMsgId).toList();
    }

    @Test
    void logsInConnectsAndSendsWhatWasBufferedBeforeAuthOk() throws Exception {
        PushSession session = h.start();
        CompletableFuture<Frame.Receipt> receipt = session.send(message("m-1"));
        assertThat(session.pending()).isEqualTo(1);
        assertThat(h.lastWire().sent(Frame.Send.class)).as("nothing before auth_ok").isEmpty();

        FakeWire wire = h.authOk();

        assertThat(h.listener.lines).containsExactly("connecting 0", "connected edge-a");
        assertThat(session.state()).isEqualTo(PushSession.State.CONNECTED);
        assertThat(wire.sent(Frame.Auth.class)).extracting(Frame.Auth::token).containsExactly("token-1");
        assertThat(clientMsgIds(wire)).containsExactly("m-1");
        wire.receive(accepted("m-1", 100));
        assertThat(receipt.get().msgId()).isEqualTo(new MessageId(100));
        assertThat(session.pending()).isZero();
    }

    @Test
    void aLostConnectionIsRetriedAfterAFullJitterDelayWithARefreshedTokenAndNodeSelection() {
        h.start();
        h.authOk().drop();

        // randomFraction 0.5 of the first ceiling, base 500 ms
        assertThat(h.listener.last()).isEqualTo("reconnecting 1 PT0.25S");
        h.scheduler.advance(Duration.ofMillis(249));
        assertThat(h.wires).hasSize(1);
        h.scheduler.advance(Duration.ofMillis(1));

        assertThat(h.refreshedTokens).containsExactly("token-1");
        assertThat(h.opened()).as("the lost edge goes last").containsExactly("edge-a", "edge-b");
        assertThat(h.lastWire().sent(Frame.Auth.class).getFirst().token()).isEqualTo("refresh-1");
        assertThat(h.logins).as("no password login for a lost connection").hasValue(1);
        h.authOk();
        assertThat(h.listener.last()).isEqualTo("connected edge-b");
    }

    @Test
    void theLostEdgeIsTriedLastAndUnreachableEdgesAreSkipped() {
        h.start();
        h.authOk().drop();
        h.unreachable.add(SessionHarness.B.nodeId());

        h.scheduler.advance(Duration.ofMillis(250));

        assertThat(h.opened()).containsExactly("edge-a", "edge-b", "edge-c");
    }

    @Test
    void backoffGrowsByTheFactorUpToTheMaxWhileAttemptsFailAndEachAttemptRefreshes() {
        h.start();
        h.authOk().drop();
        h.unreachable.addAll(List.of(SessionHarness.A.nodeId(), SessionHarness.B.nodeId(), SessionHarness.C.nodeId()));

        for (int i = 0; i < 8; i++) {
            h.scheduler.advance(h.listener.delays.getLast());
        }

        // Half of min(30 s, 500 ms * 2^n): the fixed random fraction is 0.5.
        assertThat(h.listener.delays).extracting(Duration::toMillis)
                .containsExactly(250L, 500L, 1_000L, 2_000L, 4_000L, 8_000L, 15_000L, 15_000L, 15_000L);
        assertThat(h.logins).as("one login at start").hasValue(1);
        assertThat(h.refreshes).as("one refresh per attempt since").hasValue(8);
        assertThat(h.refreshedTokens).as("each with the token the last refresh gave")
                .containsExactly("token-1", "refresh-1", "refresh-2", "refresh-3", "refresh-4", "refresh-5", "refresh-6",
                        "refresh-7");
        assertThat(h.listener.lines).contains("connecting 8");
    }

    @Test
    void backoffStartsOverAfterAStableConnectionButNotAfterAShortOne() {
        PushSession session = h.start(b -> b.stableAfter(Duration.ofSeconds(30)));
        h.authOk().drop();
        h.scheduler.advance(Duration.ofMillis(250));
        h.authOk();
        h.scheduler.advance(Duration.ofSeconds(29));
        h.lastWire().drop();
        assertThat(h.listener.delays.getLast()).as("second failure in a row").isEqualTo(Duration.ofMillis(500));

        h.scheduler.advance(Duration.ofMillis(500));
        h.authOk();
        h.scheduler.advance(Duration.ofSeconds(30));
        h.lastWire().drop();

        assertThat(h.listener.delays.getLast()).as("after a stable connection").isEqualTo(Duration.ofMillis(250));
        assertThat(session.state()).isEqualTo(PushSession.State.WAITING);
    }

    @Test
    void aReconnectFrameKeepsTheConnectionForTheDelayPlusJitterThenRefreshesForAFreshNode() {
        PushSession session = h.start();
        FakeWire first = h.authOk();

        // PROTOCOL 3.5
        first.receive(new Frame.Reconnect(Duration.ofSeconds(2), "draining"));

        // 2 s + 0.5 * jitter 0.2 * 2 s
        assertThat(h.listener.last()).isEqualTo("reconnecting 0 PT2.2S");
        h.scheduler.advance(Duration.ofMillis(2_199));
        session.send(message("still-here"));
        assertThat(clientMsgIds(first)).as("the old connection still carries messages").containsExactly("still-here");
        assertThat(h.refreshes).hasValue(0);

        h.scheduler.advance(Duration.ofMillis(1));
        assertThat(first.clientCloseCode()).as("waiting for the receipt of what it wrote").isEqualTo(-1);
        h.scheduler.advance(PushSession.MOVE_RECEIPT_WAIT);

        assertThat(first.clientCloseCode()).isEqualTo(CloseReason.NORMAL_CLOSURE);
        assertThat(h.refreshes).as("a fresh node selection").hasValue(1);
        assertThat(h.logins).hasValue(1);
        assertThat(h.lastWire().sent(Frame.Auth.class).getFirst().token()).isEqualTo("refresh-1");
        assertThat(h.opened()).as("the draining edge goes last").containsExactly("edge-a", "edge-b");
        FakeWire second = h.authOk();
        h.scheduler.advance(Duration.ofMillis(40)); // the send rate spans connections
        assertThat(clientMsgIds(second)).as("no receipt came on the old one").containsExactly("still-here");
        first.closeByEdge(CloseCode.GOING_AWAY.code());
        assertThat(session.state()).isEqualTo(PushSession.State.CONNECTED);
    }

    @Test
    void aMoveWaitsForTheReceiptsOfWhatTheOldConnectionCarriedAndWritesNothingNewMeanwhile() {
        PushSession session = h.start();
        FakeWire first = h.authOk();
        CompletableFuture<Frame.Receipt> inFlight = session.send(message("in-flight"));
        first.receive(new Frame.Reconnect(Duration.ofSeconds(2), "draining"));
        h.scheduler.advance(Duration.ofMillis(2_200));

        session.send(message("held"));
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(first.clientCloseCode()).isEqualTo(-1);
        assertThat(clientMsgIds(first)).as("nothing new while the move waits").containsExactly("in-flight");
        first.receive(accepted("in-flight", 101));
        h.scheduler.advance(Duration.ofMillis(50));

        assertThat(inFlight).isCompletedWithValue(accepted("in-flight", 101));
        assertThat(first.clientCloseCode()).isEqualTo(CloseReason.NORMAL_CLOSURE);
        FakeWire second = h.authOk();
        h.scheduler.advance(Duration.ofMillis(40));
        assertThat(clientMsgIds(second)).as("sent once, on the new connection").containsExactly("held");
    }

    @Test
    void anEdgeClosingWithGoingAwayBeforeTheReconnectDelayDoesNotScheduleASecondAttempt() {
        PushSession session = h.start();
        FakeWire first = h.authOk();
        first.receive(new Frame.Reconnect(Duration.ofSeconds(1), "draining"));

        first.closeByEdge(CloseCode.GOING_AWAY.code());

        assertThat(session.state()).isEqualTo(PushSession.State.WAITING);
        h.scheduler.advance(Duration.ofSeconds(5));
        assertThat(h.wires).hasSize(2);
        assertThat(h.refreshes).hasValue(1);
    }

    @Test
    void messagesWithoutAReceiptAreSentAgainInOrderOnTheNextConnection() throws Exception {
        PushSession session = h.start(b -> b.maxSendRate(1000));
        FakeWire first = h.authOk();
        List<CompletableFuture<Frame.Receipt>> receipts = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> session.send(message("m-" + i))).toList();
        h.scheduler.advance(Duration.ofMillis(5));
        assertThat(clientMsgIds(first)).containsExactly("m-1", "m-2", "m-3");
        first.receive(accepted("m-1", 101));

        first.drop();
        CompletableFuture<Frame.Receipt> whileAway = session.send(message("m-4"));
        h.scheduler.advance(Duration.ofMillis(250));
        FakeWire second = h.authOk();
        h.scheduler.advance(Duration.ofMillis(5));

        assertThat(clientMsgIds(second)).containsExactly("m-2", "m-3", "m-4");
        second.receive(accepted("m-2", 102));
        second.receive(accepted("m-3", 103));
        second.receive(new Frame.Receipt("m-4", new MessageId(104), ReceiptStatus.FAILED));
        assertThat(receipts.getFirst().get().msgId()).isEqualTo(new MessageId(101));
        assertThat(receipts.get(2).get().msgId()).isEqualTo(new MessageId(103));
        assertThat(whileAway.get().status()).as("the application decides on a retry").isEqualTo(ReceiptStatus.FAILED);
        assertThat(session.pending()).isZero();
    }

    @Test
    void writesAtMostMaxSendRateMessagesPerSecondEvenlySpaced() {
        PushSession session = h.start(b -> b.maxSendRate(10));
        FakeWire wire = h.authOk();
        for (int i = 0; i < 5; i++) {
            session.send(message("m-" + i));
        }

        assertThat(clientMsgIds(wire)).hasSize(1);
        h.scheduler.advance(Duration.ofMillis(99));
        assertThat(clientMsgIds(wire)).hasSize(1);
        h.scheduler.advance(Duration.ofMillis(1));
        assertThat(clientMsgIds(wire)).hasSize(2);
        h.scheduler.advance(Duration.ofMillis(300));
        assertThat(clientMsgIds(wire)).containsExactly("m-0", "m-1", "m-2", "m-3", "m-4");
    }

    @Test
    void refusesAMessageWhenTheBufferIsFullUntilAReceiptFreesASlot() {
        PushSession session = h.start(b -> b.bufferCapacity(2));
        session.send(message("m-1"));
        session.send(message("m-2"));

        assertThatThrownBy(() -> session.send(message("m-3")))
                .isInstanceOfSatisfying(BufferFullException.class, e -> assertThat(e.capacity()).isEqualTo(2))
                .hasMessageContaining("send buffer full: 2");
        assertThat(session.pending()).isEqualTo(2);

        h.authOk().receive(accepted("m-1", 1));
        session.send(message("m-3"));
        assertThat(session.pending()).isEqualTo(2);
    }

    @Test
    void refusesAFrameOverTheLimitsAndAClientMsgIdStillBuffered() {
        PushSession session = h.start();
        // PROTOCOL 3.4: the frame would fit, but the push it becomes might not
        String nearLimit = "\"" + "x".repeat(64 * 1024 - 110) + "\"";
        String overLimit = "\"" + "x".repeat(64 * 1024) + "\"";

        assertThatThrownBy(() -> session.send(new Frame.Send(BOB, new RawJson(nearLimit), "big")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("body: ");
        assertThatThrownBy(() -> session.uplink(new Frame.Uplink(new RawJson(overLimit), "big")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame");
        session.send(message("twice"));
        assertThatThrownBy(() -> session.send(message("twice"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(session.pending()).isEqualTo(1);
    }

    @Test
    void aDuplicatePushIsAckedButDeliveredOnce() {
        PushSession session = h.start();
        FakeWire first = h.authOk();
        Frame.Push push = new Frame.Push(new MessageId(7), new RawJson("\"hi\""), true, null);
        first.receive(push);
        first.drop();
        h.scheduler.advance(Duration.ofMillis(250));
        FakeWire second = h.authOk();

        second.receive(push); // an offline re-push replayed after the reconnect

        assertThat(h.listener.pushes).containsExactly(push);
        assertThat(first.sent(Frame.Ack.class)).hasSize(1);
        assertThat(second.sent(Frame.Ack.class)).as("acked again so the server stops").hasSize(1);
        assertThat(session.duplicatePushes()).isEqualTo(1);
    }

    @Test
    void anAckTheConnectionCouldNotCarryGoesOnTheNextOne() {
        h.start();
        FakeWire first = h.authOk();
        first.failWrites = true; // the push came just as the connection ended (a move after a reconnect request)
        Frame.Push push = new Frame.Push(new MessageId(9), new RawJson("\"hi\""), true, null);
        Frame.Push noAck = new Frame.Push(new MessageId(10), new RawJson("\"hi\""), false, null);

        first.receive(push);
        first.receive(noAck);
        first.drop();
        h.scheduler.advance(Duration.ofMillis(250));
        FakeWire second = h.authOk();

        assertThat(h.listener.pushes).containsExactly(push, noAck);
        assertThat(first.sent(Frame.Ack.class)).isEmpty();
        assertThat(second.sent(Frame.Ack.class)).as("the edge takes a user's ack on any connection")
                .containsExactly(new Frame.Ack(new MessageId(9)));
    }

    @Test
    void aPushWhoseListenerThrewIsDeliveredAgainWhenResent() {
        h.start();
        FakeWire wire = h.authOk();
        Frame.Push push = new Frame.Push(new MessageId(8), new RawJson("1"), true, null);
        h.listener.failNextPush = true;

        wire.receive(push);
        wire.receive(push);

        assertThat(h.listener.pushes).containsExactly(push);
        assertThat(wire.sent(Frame.Ack.class)).as("only the delivered one").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {4000, 4001, 4005, 4008, 4009})
    void anEdgeCloseThatRetryingWouldRepeatEndsTheSessionAndFailsBufferedMessages(int code) {
        PushSession session = h.start();
        FakeWire wire = h.authOk();
        CompletableFuture<Frame.Receipt> receipt = session.send(message("m-1"));

        wire.closeByEdge(code);

        assertThat(h.listener.last()).isEqualTo("closed RefusedByEdge");
        assertThat(((SessionEnd.RefusedByEdge) h.listener.end).reason().code()).isEqualTo(code);
        assertThat(session.state()).isEqualTo(PushSession.State.CLOSED);
        assertThat(session.closed()).isCompletedWithValue(h.listener.end);
        assertThatThrownBy(receipt::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> session.send(message("m-2"))).isInstanceOf(SessionClosedException.class);
        h.scheduler.advance(Duration.ofMinutes(5));
        assertThat(h.wires).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1006, 4004, 4006, 4007, 4010, 4011, 4012})
    void anyOtherEdgeCloseIsRetried(int code) {
        PushSession session = h.start();
        h.authOk().closeByEdge(code);

        assertThat(session.state()).isEqualTo(PushSession.State.WAITING);
        h.scheduler.advance(Duration.ofMillis(250));
        assertThat(h.wires).hasSize(2);
    }

    @Test
    void anEdgeRefusingTheTokenMakesTheNextAttemptRefreshIt() {
        h.start();
        h.authOk().drop();
        h.scheduler.advance(Duration.ofMillis(250));

        h.lastWire().refuse(CloseCode.TOKEN_EXPIRED);

        assertThat(h.listener.last()).startsWith("reconnecting 2 ");
        h.scheduler.advance(h.listener.delays.getLast());
        assertThat(h.refreshedTokens).containsExactly("token-1", "refresh-1");
        assertThat(h.lastWire().sent(Frame.Auth.class).getFirst().token()).isEqualTo("refresh-2");
    }

    @Test
    void aRefusedRefreshLogsInWithThePassword() {
        h.refreshAnswers.add(new ApiException(401, "unauthorized", "bearer token refused: too_old", "t-3"));
        h.start();
        h.authOk().drop();

        h.scheduler.advance(Duration.ofMillis(250));

        assertThat(h.refreshes).hasValue(1);
        assertThat(h.logins).hasValue(2);
        assertThat(h.lastWire().sent(Frame.Auth.class).getFirst().token()).isEqualTo("token-2");
    }

    @Test
    void aRefreshThatFindsNoEdgeIsRetriedWithBackoffWithoutThePassword() {
        h.refreshAnswers.add(new ApiException(503, "no_edge_available", "no edge", "t-4"));
        h.start();
        h.authOk().drop();

        h.scheduler.advance(Duration.ofMillis(250));
        assertThat(h.listener.last()).isEqualTo("reconnecting 2 PT0.5S");
        h.scheduler.advance(Duration.ofMillis(500));

        assertThat(h.refreshes).hasValue(2);
        assertThat(h.logins).hasValue(1);
        assertThat(h.opened()).containsExactly("edge-a", "edge-b");
    }

    @Test
    void anUnreachableControlPlaneLeavesTheLastEdgesToTryWhileTheTokenIsValid() {
        h.refreshAnswers.add(new UncheckedIOException(new ConnectException("refused")));
        h.start();
        h.authOk().drop();

        h.scheduler.advance(Duration.ofMillis(250));

        assertThat(h.opened()).containsExactly("edge-a", "edge-b");
        assertThat(h.lastWire().sent(Frame.Auth.class).getFirst().token()).isEqualTo("token-1");
    }

    @Test
    void anUnreachableControlPlaneWithATokenAboutToExpireIsRetriedLater() {
        h.loginAnswers.add(h.loginExpiringAt(h.scheduler.now().plusSeconds(5)));
        h.refreshAnswers.add(new UncheckedIOException(new ConnectException("refused")));
        h.start();
        h.authOk().drop();

        h.scheduler.advance(Duration.ofMillis(250));

        assertThat(h.wires).as("5 s left is less than the connect timeout").hasSize(1);
        assertThat(h.listener.last()).startsWith("reconnecting 2 ");
    }

    @Test
    void aRefusedLoginEndsTheSession() {
        h.loginAnswers.add(new ApiException(401, "invalid_credentials", "bad username or password", "t-1"));

        PushSession session = h.start();

        assertThat(h.listener.lines).containsExactly("connecting 0", "closed LoginRefused");
        assertThat(((SessionEnd.LoginRefused) h.listener.end).error().status()).isEqualTo(401);
        assertThat(session.state()).isEqualTo(PushSession.State.CLOSED);
    }

    @Test
    void anUnavailableControlPlaneIsRetriedWithTheDefaultBackoffUntilTheFirstLogin() {
        h.loginAnswers.add(new ApiException(503, "no_edge_available", "no edge", "t-2"));
        h.loginAnswers.add(new UncheckedIOException(new ConnectException("refused")));

        h.start();
        h.scheduler.advance(Duration.ofMillis(250));
        h.scheduler.advance(Duration.ofMillis(500));

        assertThat(h.listener.delays).extracting(Duration::toMillis).containsExactly(250L, 500L);
        assertThat(h.logins).hasValue(3);
        h.authOk();
        assertThat(h.listener.last()).isEqualTo("connected edge-a");
    }

    @Test
    void closeWhileWaitingStopsRetryingAndFailsBufferedMessages() {
        PushSession session = h.start();
        h.authOk().drop();
        CompletableFuture<Frame.Receipt> receipt = session.send(message("m-1"));

        session.close();
        session.close();

        assertThat(h.listener.lines).endsWith("closed ClosedByClient");
        assertThat(h.listener.lines).filteredOn(l -> l.startsWith("closed")).hasSize(1);
        assertThat(receipt).isCompletedExceptionally();
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(h.wires).hasSize(1);
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void closeWhileConnectedClosesTheConnection() {
        PushSession session = h.start();
        FakeWire wire = h.authOk();

        session.close();

        assertThat(wire.clientCloseCode()).isEqualTo(CloseReason.NORMAL_CLOSURE);
        assertThat(h.listener.lines).containsExactly("connecting 0", "connected edge-a", "closed ClosedByClient");
    }
}
