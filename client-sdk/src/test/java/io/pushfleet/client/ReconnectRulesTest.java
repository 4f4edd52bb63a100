package io.pushfleet.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectRulesTest {

    @ParameterizedTest
    @CsvSource({"4008, true, true", "4008, false, false", "4005, true, true", "4005, false, false",
            "4003, true, false", "4002, true, false", "4011, true, false", "1006, true, false", "1000, false, false"})
    void onlyCodesTheEdgeSentAndThatRetryingWouldRepeatAreTerminal(int code, boolean byServer, boolean terminal) {
        assertThat(ReconnectRules.terminal(new CloseReason(code, "x", byServer))).isEqualTo(terminal);
    }

    @ParameterizedTest
    @CsvSource({"400, invalid_request, true", "401, invalid_credentials, true", "403, forbidden, true",
            "401, unexpected_response, false", "404, not_found, false", "408, timeout, false",
            "429, too_many_requests, false", "500, internal, false", "503, no_edge_available, false"})
    void onlyALoginTheControlPlaneRefusedIsTerminal(int status, String code, boolean terminal) {
        assertThat(ReconnectRules.terminal(new ApiException(status, code, "m", null))).isEqualTo(terminal);
    }
}
