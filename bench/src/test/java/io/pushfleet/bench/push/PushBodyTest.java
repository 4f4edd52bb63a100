package io.pushfleet.bench.push;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushBodyTest {

    @Test
    void padsTheBodyToTheRequestedSizeAndKeepsTheNonce() {
        String body = PushBody.json("batch", "batch-1f2e3d4c5b6a7988", 100);

        assertThat(body).hasSize(100).startsWith("{\"bench\":\"batch\",\"nonce\":\"batch-1f2e3d4c5b6a7988\"").endsWith("x\"}");
    }

    @Test
    void theSmallestSizeFitsTheLongestNonce() {
        String body = PushBody.json("broadcast", "all-" + "f".repeat(16), PushBody.MIN_BYTES);

        assertThat(body.length()).isLessThanOrEqualTo(PushBody.MIN_BYTES + 4);
    }

    @Test
    void refusesSizesOutsideTheFrameLimit() {
        assertThatThrownBy(() -> PushBody.json("batch", "n", 70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--body-bytes: 70000 (expected: 64..60000)");
    }
}
