package io.pushfleet.bench.push;

import io.pushfleet.model.id.UserId;

/**
 * The targets of a batch push: {@code total} consecutive user ids from {@code first}, of which {@code online}
 * are connected clients spread evenly through the range (client {@code i} is id
 * {@code first + floor(i x total / online)}). Spreading them matters: the control plane routes a list in
 * ascending chunks of 1,000, so connected ids all at the start would make the last push look early.
 */
record TargetPlan(long first, int total, int online) {

    TargetPlan {
        if (first < 1) {
            throw new IllegalArgumentException("first user id: " + first + " (expected: >= 1)");
        }
        if (online < 1) {
            throw new IllegalArgumentException("--clients: " + online + " (expected: >= 1)");
        }
        if (total < online) {
            throw new IllegalArgumentException("--targets: " + total + " (expected: >= --clients, " + online + ")");
        }
        if (first > Long.MAX_VALUE - total) {
            throw new IllegalArgumentException("first user id: " + first + " (expected: room for " + total + " ids)");
        }
    }

    /** The user of connected client {@code i}. */
    UserId onlineUser(int i) {
        if (i < 0 || i >= online) {
            throw new IndexOutOfBoundsException("client " + i + " (expected: 0.." + (online - 1) + ")");
        }
        return new UserId(first + (long) i * total / online);
    }

    /** All target ids as a JSON array, ascending. */
    String idsJson() {
        StringBuilder json = new StringBuilder(total * 14 + 2).append('[');
        for (int i = 0; i < total; i++) {
            json.append(i == 0 ? "" : ",").append(first + i);
        }
        return json.append(']').toString();
    }
}
