package io.pushfleet.control.push;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of one target of one push (DESIGN 3.5): {@code routed -> written -> acked}, or
 * {@code offline -> stored -> delivered (-> acked)} or {@code -> expired}. States only move forward along
 * {@link #canMoveTo}: this is what makes every event idempotent, since an event applied twice finds its
 * rows already past the states it moves from. An ack may overtake the report of the write it follows, so
 * {@code routed} and {@code stored} may move to {@code acked} directly. {@link #code()} is the
 * {@code push_deliveries.state} (and {@code offline_messages.state}) value.
 */
public enum DeliveryState {
    ROUTED(1, "routed"),
    WRITTEN(2, "written"),
    ACKED(3, "acked"),
    /** No route or not on the node: being stored; only exists inside the transaction that stores it. */
    OFFLINE(4, "offline"),
    STORED(5, "stored"),
    DELIVERED(6, "delivered"),
    EXPIRED(7, "expired");

    private static final Map<DeliveryState, Set<DeliveryState>> NEXT = new EnumMap<>(DeliveryState.class);
    private static final Map<DeliveryState, Set<DeliveryState>> SOURCES = new EnumMap<>(DeliveryState.class);

    static {
        NEXT.put(ROUTED, EnumSet.of(WRITTEN, ACKED, OFFLINE));
        NEXT.put(WRITTEN, EnumSet.of(ACKED));
        NEXT.put(ACKED, EnumSet.noneOf(DeliveryState.class));
        NEXT.put(OFFLINE, EnumSet.of(STORED));
        NEXT.put(STORED, EnumSet.of(DELIVERED, ACKED, EXPIRED));
        NEXT.put(DELIVERED, EnumSet.of(ACKED));
        NEXT.put(EXPIRED, EnumSet.noneOf(DeliveryState.class));
        for (DeliveryState target : values()) {
            EnumSet<DeliveryState> sources = EnumSet.noneOf(DeliveryState.class);
            NEXT.forEach((from, next) -> {
                if (next.contains(target)) {
                    sources.add(from);
                }
            });
            SOURCES.put(target, Collections.unmodifiableSet(sources));
        }
    }

    private final int code;
    private final String apiName;

    DeliveryState(int code, String apiName) {
        this.code = code;
        this.apiName = apiName;
    }

    public int code() {
        return code;
    }

    /** The name in the REST API. */
    public String apiName() {
        return apiName;
    }

    public boolean canMoveTo(DeliveryState next) {
        return NEXT.get(this).contains(next);
    }

    /** Every state a row may move to {@code target} from; empty for states rows are only created in. */
    public static Set<DeliveryState> sourcesOf(DeliveryState target) {
        return SOURCES.get(target);
    }

    public static DeliveryState ofCode(int code) {
        for (DeliveryState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("delivery state code: " + code + " (unknown)");
    }

    /** The state with this API name, or null. */
    public static DeliveryState ofApiName(String name) {
        for (DeliveryState state : values()) {
            if (state.apiName.equals(name)) {
                return state;
            }
        }
        return null;
    }
}
