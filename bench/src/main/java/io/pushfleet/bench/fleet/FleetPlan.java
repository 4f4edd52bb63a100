package io.pushfleet.bench.fleet;

import io.pushfleet.model.id.UserId;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static java.util.Objects.requireNonNull;

/**
 * Which client connects where: client {@code i} goes to edge {@code i mod edges} and binds source address
 * {@code (i / edges) mod sources}, so both are spread evenly and every edge sees every source address.
 * Plain data; the fleet does the connecting.
 */
public final class FleetPlan {

    /** Loopback has about 28,000 ephemeral ports per source address and destination; stay well below. */
    static final int MAX_CLIENTS_PER_SOURCE_AND_EDGE = 25_000;

    private final List<ClientSpec> clients;

    private FleetPlan(List<ClientSpec> clients) {
        this.clients = List.copyOf(clients);
    }

    /** {@code count} clients; client {@code i} is user {@code userOf.apply(i)}. */
    public static FleetPlan spread(int count, IntFunction<UserId> userOf, List<EdgeEndpoint> edges,
                                   List<InetAddress> sources) {
        requireNonNull(userOf, "userOf");
        requireNonNull(edges, "edges");
        requireNonNull(sources, "sources");
        if (count < 1) {
            throw new IllegalArgumentException("clients: " + count + " (expected: >= 1)");
        }
        if (edges.isEmpty()) {
            throw new IllegalArgumentException("edges: none (expected: at least one selectable edge)");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("source addresses: none (expected: at least one)");
        }
        long perPair = -Math.floorDiv(-(long) count, (long) edges.size() * sources.size());
        if (perPair > MAX_CLIENTS_PER_SOURCE_AND_EDGE) {
            throw new IllegalArgumentException("clients: " + count + " over " + edges.size() + " edges and "
                    + sources.size() + " source addresses is " + perPair + " per source and edge (expected: <= "
                    + MAX_CLIENTS_PER_SOURCE_AND_EDGE + "; add source addresses such as 127.0.0.2)");
        }
        List<ClientSpec> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EdgeEndpoint edge = edges.get(Math.floorMod(i, edges.size()));
            InetAddress source = sources.get(Math.floorMod(i / edges.size(), sources.size()));
            clients.add(new ClientSpec(i, userOf.apply(i), edge, source));
        }
        return new FleetPlan(clients);
    }

    /** Clients given one by one (for scenarios that place each client themselves). */
    public static FleetPlan of(List<ClientSpec> clients) {
        for (int i = 0; i < clients.size(); i++) {
            if (clients.get(i).index() != i) {
                throw new IllegalArgumentException("clients[" + i + "].index: " + clients.get(i).index()
                        + " (expected: " + i + ")");
            }
        }
        return new FleetPlan(clients);
    }

    public List<ClientSpec> clients() {
        return clients;
    }

    public int size() {
        return clients.size();
    }

    /** How many clients each edge gets, in the order the edges first appear. */
    public Map<EdgeEndpoint, Integer> perEdge() {
        Map<EdgeEndpoint, Integer> counts = new LinkedHashMap<>();
        clients.forEach(c -> counts.merge(c.edge(), 1, Integer::sum));
        return counts;
    }
}
