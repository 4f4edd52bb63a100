package io.pushfleet.systemtest;

import io.pushfleet.client.ConnectOptions;
import io.pushfleet.client.PushClient;
import io.pushfleet.client.PushSession;
import io.pushfleet.client.SessionListener;
import io.pushfleet.client.Transport;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Thousands of SDK sessions in this JVM, one per new user, for the fleet-scale tests: users registered in
 * parallel, sessions started in waves (so the control plane is not asked for thousands of logins at once), every
 * listener event kept with its time. The sessions use raw TCP (one socket and one reader virtual thread each) and
 * share their {@link PushClient}'s timer.
 */
final class SessionCrowd implements AutoCloseable {

    private static final int WAVE = 100;
    private static final int REGISTER_THREADS = 8;
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** A node the session connected to, and when (System.nanoTime). */
    record Connection(NodeId node, long atNanos) {
    }

    /** What one session reported. */
    static final class Trace implements SessionListener {
        final List<Connection> connections = new CopyOnWriteArrayList<>();
        /** When each reconnect request of a draining or stopping edge arrived (System.nanoTime). */
        final List<Long> reconnectRequests = new CopyOnWriteArrayList<>();
        /** How often each message reached the application (the SDK drops duplicates before that). */
        final Map<MessageId, AtomicInteger> pushes = new ConcurrentHashMap<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();

        @Override
        public void onConnected(Frame.AuthOk authOk) {
            connections.add(new Connection(authOk.nodeId(), System.nanoTime()));
        }

        @Override
        public void onReconnecting(int attempt, Duration delay, String why) {
            if (why.startsWith("edge asked to reconnect")) {
                reconnectRequests.add(System.nanoTime());
            }
        }

        @Override
        public void onPush(Frame.Push push) {
            pushes.computeIfAbsent(push.msgId(), id -> new AtomicInteger()).incrementAndGet();
            bodies.add(push.body().json());
        }

        NodeId node() {
            return connections.isEmpty() ? null : connections.getLast().node();
        }

        NodeId firstNode() {
            return connections.isEmpty() ? null : connections.getFirst().node();
        }
    }

    /** One user of the crowd and their session. */
    record Member(UserId id, String username, PushSession session, Trace trace) {
    }

    private final PushClient client;
    private final List<Member> members = new ArrayList<>();

    private SessionCrowd(PushClient client) {
        this.client = client;
    }

    /** Registers {@code size} new users and connects a session for each; returns once every one is connected. */
    static SessionCrowd connect(Fleet fleet, String prefix, int size) throws Exception {
        PushClient client = PushClient.builder().controlPlane(fleet.controlPlane())
                .options(ConnectOptions.builder().transport(Transport.TCP).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        SessionCrowd crowd = new SessionCrowd(client);
        try {
            List<String> names = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                names.add(prefix + "_" + UUID.randomUUID().toString().substring(0, 12));
            }
            long registering = System.nanoTime();
            List<UserId> ids = register(client, names);
            System.out.printf("MEASURE %d users registered in %d ms%n", size,
                    Duration.ofNanos(System.nanoTime() - registering).toMillis());
            for (int start = 0; start < size; start += WAVE) {
                List<Member> wave = new ArrayList<>();
                for (int i = start; i < Math.min(size, start + WAVE); i++) {
                    Trace trace = new Trace();
                    PushSession session = client.session(names.get(i), Users.PASSWORD, new DeviceId("crowd"), trace);
                    wave.add(new Member(ids.get(i), names.get(i), session, trace));
                }
                crowd.members.addAll(wave);
                await("wave from " + start + " connected").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                        .until(() -> wave.stream().allMatch(m -> !m.trace().connections.isEmpty()));
            }
        } catch (Exception | AssertionError e) {
            crowd.close();
            throw e;
        }
        return crowd;
    }

    private static List<UserId> register(PushClient client, List<String> names) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(REGISTER_THREADS)) {
            List<Future<UserId>> ids = new ArrayList<>(names.size());
            for (String name : names) {
                ids.add(pool.submit(() -> client.register(name, Users.PASSWORD)));
            }
            List<UserId> registered = new ArrayList<>(names.size());
            for (Future<UserId> id : ids) {
                registered.add(id.get());
            }
            return registered;
        }
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    /** The members whose session is connected to {@code node} now. */
    List<Member> on(NodeId node) {
        return members.stream().filter(m -> node.equals(m.trace().node())).toList();
    }

    /** How many sessions each node holds now. */
    Map<NodeId, Long> spread() {
        return members.stream().collect(Collectors.groupingBy(m -> m.trace().node(), Collectors.counting()));
    }

    /** The user ids as a JSON array, for a push to all of them. */
    String idsJson() {
        return members.stream().map(m -> m.id().toString()).collect(Collectors.joining(",", "[", "]"));
    }

    /** Duplicate pushes the sessions' dedupe dropped, summed. */
    long duplicatesDropped() {
        return members.stream().mapToLong(m -> m.session().duplicatePushes()).sum();
    }

    @Override
    public void close() {
        client.close();
    }
}
