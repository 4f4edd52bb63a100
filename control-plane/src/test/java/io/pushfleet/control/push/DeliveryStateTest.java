package io.pushfleet.control.push;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static io.pushfleet.control.push.DeliveryState.ACKED;
import static io.pushfleet.control.push.DeliveryState.DELIVERED;
import static io.pushfleet.control.push.DeliveryState.EXPIRED;
import static io.pushfleet.control.push.DeliveryState.OFFLINE;
import static io.pushfleet.control.push.DeliveryState.ROUTED;
import static io.pushfleet.control.push.DeliveryState.STORED;
import static io.pushfleet.control.push.DeliveryState.WRITTEN;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStateTest {

    @Test
    void followsTheDesignPathsRoutedWrittenAckedAndOfflineStoredDeliveredOrExpired() {
        assertThat(ROUTED.canMoveTo(WRITTEN)).isTrue();
        assertThat(WRITTEN.canMoveTo(ACKED)).isTrue();
        assertThat(ROUTED.canMoveTo(OFFLINE)).isTrue();
        assertThat(OFFLINE.canMoveTo(STORED)).isTrue();
        assertThat(STORED.canMoveTo(DELIVERED)).isTrue();
        assertThat(DELIVERED.canMoveTo(ACKED)).isTrue();
        assertThat(STORED.canMoveTo(EXPIRED)).isTrue();
    }

    @Test
    void letsAnAckOvertakeTheReportOfTheWriteItFollows() {
        assertThat(DeliveryState.sourcesOf(ACKED)).containsExactlyInAnyOrder(ROUTED, WRITTEN, STORED, DELIVERED);
    }

    @Test
    void neverMovesBackwardsSoNoStateIsReachableFromItselfOrFromALaterState() {
        for (DeliveryState start : DeliveryState.values()) {
            assertThat(reachableFrom(start)).as("reachable from %s", start).doesNotContain(start);
        }
        assertThat(reachableFrom(WRITTEN)).doesNotContain(ROUTED, OFFLINE, STORED);
        assertThat(reachableFrom(STORED)).doesNotContain(ROUTED, WRITTEN, OFFLINE);
    }

    @ParameterizedTest
    @EnumSource(names = {"ACKED", "EXPIRED"})
    void endsInAckedOrExpired(DeliveryState last) {
        assertThat(reachableFrom(last)).isEmpty();
    }

    @Test
    void expiresOnlyWhatIsStoredAndNeverAWrittenOrDeliveredTarget() {
        assertThat(DeliveryState.sourcesOf(EXPIRED)).containsExactly(STORED);
        assertThat(DeliveryState.sourcesOf(ROUTED)).isEmpty();
    }

    @Test
    void hasDistinctCodesAndApiNamesThatReadBack() {
        assertThat(Arrays.stream(DeliveryState.values()).map(DeliveryState::code)).doesNotHaveDuplicates();
        for (DeliveryState state : DeliveryState.values()) {
            assertThat(DeliveryState.ofCode(state.code())).isEqualTo(state);
            assertThat(DeliveryState.ofApiName(state.apiName())).isEqualTo(state);
        }
        assertThat(DeliveryState.ofApiName("ROUTED")).isNull();
    }

    private static Set<DeliveryState> reachableFrom(DeliveryState start) {
        Set<DeliveryState> seen = new HashSet<>();
        Set<DeliveryState> frontier = EnumSet.of(start);
        while (!frontier.isEmpty()) {
            Set<DeliveryState> next = EnumSet.noneOf(DeliveryState.class);
            for (DeliveryState from : frontier) {
                for (DeliveryState to : DeliveryState.values()) {
                    if (from.canMoveTo(to) && seen.add(to)) {
                        next.add(to);
                    }
                }
            }
            frontier = next;
        }
        return seen;
    }
}
