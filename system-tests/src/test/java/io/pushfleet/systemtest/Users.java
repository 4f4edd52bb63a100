package io.pushfleet.systemtest;

import io.pushfleet.client.ConnectOptions;
import io.pushfleet.client.EdgeAddress;
import io.pushfleet.client.EdgeConnection;
import io.pushfleet.client.Inbox;
import io.pushfleet.client.LoginResponse;
import io.pushfleet.client.PushClient;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Registers, logs in and connects test users through the client SDK, as real clients would. */
final class Users implements AutoCloseable {

    static final String PASSWORD = "correct-horse-battery";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A registered user; {@link #connection} is null while offline. */
    record User(UserId id, String username, LoginResponse login, EdgeConnection connection, Inbox inbox) {
        NodeId node() {
            return connection.authOk().nodeId();
        }
    }

    private final Fleet fleet;
    private final PushClient client;
    private final List<User> opened = new ArrayList<>();

    Users(Fleet fleet) {
        this.fleet = fleet;
        this.client = PushClient.builder().controlPlane(fleet.controlPlane()).options(ConnectOptions.defaults()).build();
    }

    /** A new user, logged in but not connected. */
    User registered(String prefix) {
        String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        UserId id = client.register(username, PASSWORD);
        return new User(id, username, client.login(username, PASSWORD, new DeviceId("dev-1")), null, new Inbox());
    }

    /** A new user connected to the edge its (one) login chose, so round-robin spreads new users. */
    User online(String prefix) throws Exception {
        User user = registered(prefix);
        return open(user, user.login());
    }

    /** Logs a registered user in again and connects them to the edge that login chose. */
    User connect(User user) throws Exception {
        return open(user, client.login(user.username(), PASSWORD, new DeviceId("dev-1")));
    }

    private User open(User user, LoginResponse login) throws Exception {
        Inbox inbox = new Inbox();
        EdgeConnection connection = client.connect(login, inbox).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return track(new User(user.id(), user.username(), login, connection, inbox));
    }

    /** A new user connected to the given edge, whatever the control plane would choose. */
    User onlineAt(String prefix, Fleet.Edge edge) throws Exception {
        User user = registered(prefix);
        EdgeAddress address = user.login().edges().stream().filter(e -> e.nodeId().equals(edge.nodeId()))
                .findFirst().orElseThrow(() -> new AssertionError(edge.nodeId() + " not offered at login"));
        Inbox inbox = new Inbox();
        EdgeConnection connection = EdgeConnection.open(address, user.login().token(), ConnectOptions.defaults(), inbox)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return track(new User(user.id(), user.username(), user.login(), connection, inbox));
    }

    private User track(User user) {
        opened.add(user);
        return user;
    }

    Fleet fleet() {
        return fleet;
    }

    @Override
    public void close() {
        for (User user : opened) {
            user.connection().close();
        }
        client.close();
    }
}
