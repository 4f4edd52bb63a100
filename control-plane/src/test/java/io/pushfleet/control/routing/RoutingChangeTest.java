package io.pushfleet.control.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.NodeId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RoutingChange parse(String json) throws Exception {
        return RoutingChange.parse(json == null ? null : JSON.readTree(json));
    }

    @Test
    void readsWeightedWithItsWeightsAndOtherStrategiesWithout() throws Exception {
        RoutingChange weighted = parse("{\"strategy\":\"weighted\",\"weights\":{\"edge-a\":3,\"edge-b\":1}}");
        RoutingChange auto = parse("{\"strategy\":\"auto\",\"weights\":null}");

        assertThat(weighted.strategy()).isEqualTo(SelectionStrategy.WEIGHTED);
        assertThat(weighted.weights().weightOf(new NodeId("edge-a"))).isEqualTo(3);
        assertThat(weighted.weights().weightOf(new NodeId("edge-b"))).isEqualTo(1);
        assertThat(auto.strategy()).isEqualTo(SelectionStrategy.AUTO);
        assertThat(auto.weights()).isEqualTo(NodeWeights.none());
        assertThat(parse("{\"strategy\":\"weighted\",\"weights\":{\"e\":10000}}").weights().weightOf(new NodeId("e")))
                .isEqualTo(10_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1]|request body: array (expected: a JSON object)",
            "{}|strategy: missing (expected: one of auto, round-robin, random, consistent-hash, weighted)",
            "{\"strategy\":\"fastest\"}|strategy: \"fastest\" (expected: one of auto, round-robin, random, consistent-hash, weighted)",
            "{\"strategy\":\"ROUND_ROBIN\"}|strategy: \"ROUND_ROBIN\" (expected: one of auto, round-robin, random, consistent-hash, weighted)",
            "{\"strategy\":7}|strategy: 7 (expected: one of auto, round-robin, random, consistent-hash, weighted)",
            "{\"strategy\":\"auto\",\"mode\":1}|unknown field 'mode' (expected: strategy, weights)",
            "{\"strategy\":\"weighted\"}|weights: missing (expected: an object of nodeId: weight for weighted)",
            "{\"strategy\":\"round-robin\",\"weights\":{\"a\":1}}|weights: given for round-robin (expected: only with weighted)",
            "{\"strategy\":\"weighted\",\"weights\":{}}|weights: 0 entries (expected: an object of 1..1000 nodeId: weight entries)",
            "{\"strategy\":\"weighted\",\"weights\":[3]}|weights: array (expected: an object of 1..1000 nodeId: weight entries)",
            "{\"strategy\":\"weighted\",\"weights\":{\"a\":0}}|weights.a: 0 (expected: an integer 1..10000)",
            "{\"strategy\":\"weighted\",\"weights\":{\"a\":-2}}|weights.a: -2 (expected: an integer 1..10000)",
            "{\"strategy\":\"weighted\",\"weights\":{\"a\":1.5}}|weights.a: 1.5 (expected: an integer 1..10000)",
            "{\"strategy\":\"weighted\",\"weights\":{\"a\":\"3\"}}|weights.a: \"3\" (expected: an integer 1..10000)",
            "{\"strategy\":\"weighted\",\"weights\":{\"a\":10001}}|weights.a: 10001 (expected: an integer 1..10000)",
            "{\"strategy\":\"weighted\",\"weights\":{\"a\":99999999999999999999}}|weights.a: 99999999999999999999 (expected: an integer 1..10000)",
            "{\"strategy\":\"weighted\",\"weights\":{\"a b\":1}}|weights: node id 'a b' (expected: 1 to 64 characters [A-Za-z0-9._-])",
    })
    void refusesABadBodyWithInvalidRouting(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ROUTING);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void refusesAMissingBodyAndTooManyWeights() {
        assertThatThrownBy(() -> parse(null)).hasMessage("request body: missing (expected: a JSON object)");
        StringBuilder many = new StringBuilder("{\"strategy\":\"weighted\",\"weights\":{\"n0\":1");
        for (int i = 1; i <= NodeWeights.MAX_ENTRIES; i++) {
            many.append(",\"n").append(i).append("\":1");
        }
        assertThatThrownBy(() -> parse(many + "}}"))
                .hasMessage("weights: 1001 entries (expected: an object of 1..1000 nodeId: weight entries)");
    }
}
