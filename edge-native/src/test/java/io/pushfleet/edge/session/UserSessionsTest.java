package io.pushfleet.edge.session;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-node index of authenticated sessions by user, maintained by ConnectionRegistry. */
class UserSessionsTest {

    private final ConnectionRegistry connections = new ConnectionRegistry();

    @Test
    void findsEveryDeviceOfAUserAndForgetsEachOnClose() {
        Session a = authenticated(7, "phone");
        Session b = authenticated(7, "laptop");
        Session c = authenticated(7, "tablet");
        Session other = authenticated(8, "phone");

        assertThat(sessionsOf(7)).containsExactlyInAnyOrder(a, b, c);
        assertThat(sessionsOf(8)).containsExactly(other);

        connections.closed(b);
        assertThat(sessionsOf(7)).containsExactlyInAnyOrder(a, c);
        connections.closed(a);
        assertThat(sessionsOf(7)).containsExactly(c);
        connections.closed(c);
        assertThat(sessionsOf(7)).isEmpty();
        assertThat(connections.users().contains(new UserId(7))).isFalse();
        assertThat(connections.users().userCount()).isEqualTo(1);
    }

    // A kick names the user and the connection id; the lookup goes through the user's entry.
    @Test
    void findsOneConnectionByUserAndConnectionId() {
        Session phone = authenticated(7, "phone");
        Session laptop = authenticated(7, "laptop");
        Session other = authenticated(8, "phone");

        assertThat(connections.find(new UserId(7), laptop.connId())).isSameAs(laptop);
        assertThat(connections.find(new UserId(7), phone.connId())).isSameAs(phone);
        assertThat(connections.find(new UserId(7), other.connId())).isNull();
        assertThat(connections.find(new UserId(9), phone.connId())).isNull();
        assertThat(connections.authenticatedCount()).isEqualTo(3);

        connections.closed(laptop);
        assertThat(connections.find(new UserId(7), laptop.connId())).isNull();
        assertThat(connections.authenticatedCount()).isEqualTo(2);
    }

    @Test
    void ignoresSessionsThatNeverAuthenticated() {
        Session anonymous = Session.attach(new EmbeddedChannel(), connections.nextConnId(), Transport.TCP, 0);
        connections.opened();

        connections.closed(anonymous);

        assertThat(connections.users().userCount()).isZero();
        assertThat(connections.openCount()).isZero();
    }

    @Test
    void addingTheSameSessionTwiceKeepsOneEntry() {
        Session a = authenticated(9, "phone");

        connections.users().add(a);

        assertThat(sessionsOf(9)).containsExactly(a);
    }

    private Session authenticated(long user, String device) {
        Session s = Session.attach(new EmbeddedChannel(), connections.nextConnId(), Transport.TCP, 0);
        connections.opened();
        s.authenticate(new UserId(user), new DeviceId(device), 0);
        connections.authenticated(s);
        return s;
    }

    private List<Session> sessionsOf(long user) {
        List<Session> found = new ArrayList<>();
        connections.users().forEach(new UserId(user), found::add);
        return found;
    }
}
