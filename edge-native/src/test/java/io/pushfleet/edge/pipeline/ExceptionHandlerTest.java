package io.pushfleet.edge.pipeline;

import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.pushfleet.model.frame.CloseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionHandlerTest {

    @Test
    void mapsAnOversizedWebSocketFrameToFrameTooLarge() {
        assertThat(ExceptionHandler.classify(new CorruptedWebSocketFrameException(WebSocketCloseStatus.MESSAGE_TOO_BIG, "big")))
                .isEqualTo(CloseCode.FRAME_TOO_LARGE);
        assertThat(ExceptionHandler.classify(new TooLongFrameException("aggregated"))).isEqualTo(CloseCode.FRAME_TOO_LARGE);
    }

    @Test
    void mapsOtherMalformedInputToProtocolError() {
        assertThat(ExceptionHandler.classify(new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, "rsv")))
                .isEqualTo(CloseCode.PROTOCOL_ERROR);
        assertThat(ExceptionHandler.classify(new CorruptedFrameException("bad"))).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void mapsAFailureInsideADecoderToInternalError() {
        assertThat(ExceptionHandler.classify(new DecoderException(new NullPointerException("bug"))))
                .isEqualTo(CloseCode.INTERNAL_ERROR);
        assertThat(ExceptionHandler.classify(new IllegalStateException("bug"))).isEqualTo(CloseCode.INTERNAL_ERROR);
    }
}
