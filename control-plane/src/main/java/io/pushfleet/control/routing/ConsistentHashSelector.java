package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pins each user to a node: the primary is the first point clockwise from the user id's hash on a
 * ring of {@value #VIRTUAL_NODES} points per node, the fallbacks the next distinct nodes clockwise.
 * When a node joins or leaves only the users next to its points move, so every control plane sends a
 * user to the same edge. The ring is built again only when the candidate node ids change.
 */
public final class ConsistentHashSelector implements NodeSelector {

    static final int VIRTUAL_NODES = 160;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final AtomicReference<Ring> ring = new AtomicReference<>();
    private final AtomicInteger builds = new AtomicInteger();

    @Override
    public List<NodeInfo> select(List<NodeInfo> candidates, SelectionRequest request, int count) {
        int picks = SelectionArguments.picks(candidates, count);
        if (picks == 0) {
            return List.of();
        }
        Ring current = ringFor(candidates);
        long[] points = current.points();
        boolean[] taken = new boolean[candidates.size()];
        List<NodeInfo> picked = new ArrayList<>(picks);
        int start = firstAtOrAfter(points, mix64(request.userId().value()));
        for (int step = 0; step < points.length && picked.size() < picks; step++) {
            int owner = current.owners()[Math.floorMod(start + step, points.length)];
            if (!taken[owner]) {
                taken[owner] = true;
                picked.add(candidates.get(owner));
            }
        }
        return picked;
    }

    @Override
    public SelectionStrategy strategy() {
        return SelectionStrategy.CONSISTENT_HASH;
    }

    /** How many times a ring was built; for tests. */
    int ringBuilds() {
        return builds.get();
    }

    private Ring ringFor(List<NodeInfo> candidates) {
        List<NodeId> ids = candidates.stream().map(NodeInfo::nodeId).toList();
        Ring current = ring.get();
        if (current != null && current.nodeIds().equals(ids)) {
            return current;
        }
        // Racing logins may both build after a change; the rings are equal, so either may win.
        Ring built = build(ids);
        ring.set(built);
        return built;
    }

    private Ring build(List<NodeId> ids) {
        builds.incrementAndGet();
        record Point(long hash, int owner) {
        }
        List<Point> points = new ArrayList<>(ids.size() * VIRTUAL_NODES);
        for (int owner = 0; owner < ids.size(); owner++) {
            long idHash = fnv1a64(ids.get(owner).value());
            for (int replica = 0; replica < VIRTUAL_NODES; replica++) {
                points.add(new Point(mix64(idHash + replica * GOLDEN_GAMMA), owner));
            }
        }
        // Unsigned order: the ring runs from 0 to 2^64-1; ties broken by node order for stability.
        points.sort((a, b) -> {
            int byHash = Long.compareUnsigned(a.hash(), b.hash());
            return byHash != 0 ? byHash : Integer.compare(a.owner(), b.owner());
        });
        long[] hashes = new long[points.size()];
        int[] owners = new int[points.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = points.get(i).hash();
            owners[i] = points.get(i).owner();
        }
        return new Ring(ids, hashes, owners);
    }

    /** Index of the first point at or after {@code key} in unsigned order; 0 (wrapping) when there is none. */
    private static int firstAtOrAfter(long[] points, long key) {
        int low = 0;
        int high = points.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Long.compareUnsigned(points[mid], key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low == points.length ? 0 : low;
    }

    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /** MurmurHash3's 64-bit finalizer: a bijection that spreads every input bit over the whole word. */
    static long mix64(long value) {
        long h = value;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private record Ring(List<NodeId> nodeIds, long[] points, int[] owners) {
    }
}
