package io.pushfleet.systemtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlNamesTest {

    @Test
    void findsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(PromQlNames.of("sum by (reason) (rate(edge_closes_total{reason!=\"peer_closed\"}[$__rate_interval]))"))
                .containsExactly("edge_closes_total");
        assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (le, stream) (rate(edge_stream_delay_seconds_bucket[5m])))"))
                .containsExactly("edge_stream_delay_seconds_bucket");
        assertThat(PromQlNames.of("rate(a_sum[1m]) / on (instance) rate(a_count[1m]) > 1e3 and b offset 5m"))
                .containsExactly("a_count", "a_sum", "b");
        assertThat(PromQlNames.of("max(pushfleet_stream_length{stream=~\"node:.*\"}) or vector(0)"))
                .containsExactly("pushfleet_stream_length");
        // A label named like the keyword: the rate-limit counters' "by".
        assertThat(PromQlNames.of("sum by (by) (rate(pushfleet_auth_login_limited_total[$__rate_interval]))"))
                .containsExactly("pushfleet_auth_login_limited_total");
    }
}
