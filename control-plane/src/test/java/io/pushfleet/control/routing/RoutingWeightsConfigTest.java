package io.pushfleet.control.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingWeightsConfigTest {

    /** Stands in for {@code PushConfig.Routing}: another mapping of the same prefix. */
    @ConfigMapping(prefix = "push.routing")
    interface OtherRoutingSettings {
        @WithDefault("round-robin")
        String strategy();
    }

    private static SmallRyeConfigBuilder config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(OtherRoutingSettings.class);
    }

    @Test
    void readsTheWeightsBesideAnotherMappingOfThePrefix() {
        SmallRyeConfig config = config(Map.of("push.routing.strategy", "weighted", "push.routing.weights", "edge-a=3"))
                .withMapping(RoutingWeightsConfig.class).build();

        assertThat(config.getConfigMapping(RoutingWeightsConfig.class).weights()).contains("edge-a=3");
        assertThat(config.getConfigMapping(OtherRoutingSettings.class).strategy()).isEqualTo("weighted");
    }

    @Test
    void isNeededForTheKeyToBeKnown() {
        assertThatThrownBy(() -> config(Map.of("push.routing.weights", "edge-a=3")).build())
                .hasMessageContaining("push.routing.weights");
    }
}
