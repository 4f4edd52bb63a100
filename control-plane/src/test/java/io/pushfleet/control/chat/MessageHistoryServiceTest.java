package io.pushfleet.control.chat;

import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageHistoryServiceTest {

    private static final UserId ME = new UserId(7);
    private static final UserId OTHER = new UserId(8);

    private final List<StoredMessage> stored = new ArrayList<>();
    /** The repository's contract in memory: mine = sent by me or sent to me directly. */
    private final MessageHistoryRepository repository = (user, before, limit) -> stored.stream()
            .filter(m -> m.from().equals(user) || new Target.User(user).equals(m.to()))
            .filter(m -> m.msgId().value() < before)
            .sorted(Comparator.comparingLong((StoredMessage m) -> m.msgId().value()).reversed())
            .limit(limit)
            .toList();
    private final MessageHistoryService history = new MessageHistoryService(repository);

    private void message(long id, UserId from, Target to) {
        stored.add(new StoredMessage(new MessageId(id), to == null ? "uplink" : "send", from, to, "{\"n\":" + id + "}",
                Instant.ofEpochSecond(1_800_000_000L + id)));
    }

    private static ErrorCode refusal(org.junit.jupiter.api.function.Executable call) {
        try {
            call.execute();
        } catch (ApiException e) {
            return e.errorCode();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        throw new AssertionError("not refused");
    }

    @Test
    void pagesNewestFirstThroughSentAndReceivedMessagesUntilNextIsNull() {
        message(1, ME, new Target.User(OTHER));
        message(2, OTHER, new Target.User(ME));
        message(3, OTHER, new Target.User(new UserId(9)));
        message(4, ME, null);
        message(5, ME, new Target.Group(new GroupId(3)));

        MessagePage first = history.page(ME, "7", null, "2");
        MessagePage second = history.page(ME, "7", first.next(), "2");

        assertThat(first.messages()).extracting(MessageView::msgId).containsExactly("5", "4");
        assertThat(first.next()).isEqualTo("4");
        assertThat(second.messages()).extracting(MessageView::msgId).containsExactly("2", "1");
        assertThat(second.next()).isNull();
        assertThat(second.messages().getFirst().to()).isEqualTo(new MessageView.TargetView(7L, null));
        assertThat(first.messages().getFirst().to()).isEqualTo(new MessageView.TargetView(null, 3L));
        assertThat(first.messages().get(1).to()).isNull();
    }

    @Test
    void saysThereIsNoNextPageWhenThePageIsExactlyFull() {
        message(1, ME, null);
        message(2, ME, null);

        assertThat(history.page(ME, "7", null, "2").next()).isNull();
    }

    @Test
    void refusesAnotherUsersHistory() {
        assertThat(refusal(() -> history.page(ME, "8", null, null))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> history.page(ME, "x", null, null))).isEqualTo(ErrorCode.INVALID_USER_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "ten", ""})
    void refusesALimitOutside1To200(String limit) {
        assertThatThrownBy(() -> history.page(ME, "7", null, limit))
                .extracting(e -> ((ApiException) e).errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void refusesABeforeThatIsNotAMessageId() {
        assertThat(refusal(() -> history.page(ME, "7", "abc", null))).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(history.page(ME, "7", "1", "200").messages()).isEmpty();
    }
}
