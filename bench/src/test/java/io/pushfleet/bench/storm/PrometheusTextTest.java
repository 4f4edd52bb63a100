package io.pushfleet.bench.storm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP edge_connections_authenticated connections
            # TYPE edge_connections_authenticated gauge
            edge_connections_authenticated 19000.0
            edge_connections_authenticated_total 5.0
            edge_memory_direct_used_bytes{pool="a"} 1024.0
            edge_memory_direct_used_bytes{pool="b"} 2048.0
            """;

    @Test
    void readsAGaugeWithoutLabelsAndNotItsNamesakes() {
        assertThat(PrometheusText.sum(TEXT, "edge_connections_authenticated")).isEqualTo(19_000.0);
    }

    @Test
    void sumsEveryLabelSet() {
        assertThat(PrometheusText.sum(TEXT, "edge_memory_direct_used_bytes")).isEqualTo(3_072.0);
    }

    @Test
    void aMissingMetricIsNaN() {
        assertThat(PrometheusText.sum(TEXT, "edge_memory_heap_used_bytes")).isNaN();
    }
}
