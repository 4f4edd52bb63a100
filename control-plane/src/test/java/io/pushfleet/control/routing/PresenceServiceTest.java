package io.pushfleet.control.routing;

import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PresenceServiceTest {

    private final Map<String, String> routes = new LinkedHashMap<>();
    private final PresenceService presence = new PresenceService(userId -> routes);

    @Test
    void isOfflineWithoutRoutes() {
        Presence found = presence.presence(new UserId(7));

        assertThat(found.online()).isFalse();
        assertThat(found.devices()).isEmpty();
    }

    @Test
    void listsEachDeviceWithItsNodeAndConnectionInDeviceOrder() {
        routes.put("tablet", "edge-2:1700000000001:9");
        routes.put("phone", "edge-1:1700000000000:5");

        Presence found = presence.presence(new UserId(7));

        assertThat(found.online()).isTrue();
        assertThat(found.devices())
                .extracting(d -> d.deviceId().value(), d -> d.route().nodeId().value(), d -> d.route().bootEpoch(),
                        d -> d.route().connId())
                .containsExactly(tuple("phone", "edge-1", 1700000000000L, 5L), tuple("tablet", "edge-2", 1700000000001L, 9L));
    }

    @Test
    void skipsEntriesThatDoNotParse() {
        routes.put("phone", "edge-1:1700000000000:5");
        routes.put("bad device!", "edge-1:1:1");
        routes.put("laptop", "not-a-route");

        assertThat(presence.presence(new UserId(7)).devices()).extracting(d -> d.deviceId().value()).containsExactly("phone");
    }
}
