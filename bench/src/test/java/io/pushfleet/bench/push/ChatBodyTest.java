package io.pushfleet.bench.push;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatBodyTest {

    @Test
    void readsBackWhatItWrote() {
        ChatBody body = new ChatBody(123_456_789_012L, 399, 77);

        assertThat(ChatBody.parse(body.json())).isEqualTo(body);
        assertThat(ChatBody.sentNanosOf(body.clientMsgId())).isEqualTo(123_456_789_012L);
    }

    @Test
    void keepsANegativeNanoTime() {
        // System.nanoTime() may be negative: only differences mean anything.
        ChatBody body = new ChatBody(-5_000_000_000L, 0, 1);

        assertThat(ChatBody.parse(body.json())).isEqualTo(body);
        assertThat(ChatBody.sentNanosOf(body.clientMsgId())).isEqualTo(-5_000_000_000L);
    }

    @Test
    void theLongestClientMsgIdFitsTheProtocolLimit() {
        assertThat(new ChatBody(Long.MIN_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE).clientMsgId()).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void otherBodiesAreNotChatBodies() {
        assertThat(ChatBody.parse("{\"nonce\":\"batch-1\"}")).isNull();
        assertThat(ChatBody.parse("{\"t\":\"x\",\"s\":1,\"q\":2}")).isNull();
    }

    @Test
    void refusesAClientMsgIdWithoutATime() {
        assertThatThrownBy(() -> ChatBody.sentNanosOf("abc")).isInstanceOf(NumberFormatException.class);
    }
}
