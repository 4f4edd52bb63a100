package io.pushfleet.edge.pipeline;

/** Names of the handlers in the edge's pipelines, so handlers can be found, replaced or inserted next to. */
public final class HandlerNames {

    public static final String HTTP_CODEC = "httpCodec";
    public static final String HTTP_AGGREGATOR = "httpAggregator";
    public static final String WS_REQUEST = "wsRequest";
    public static final String WS_AGGREGATOR = "wsAggregator";
    public static final String WS_FRAME_CODEC = "wsFrameCodec";
    public static final String TCP_FRAME_DECODER = "tcpFrameDecoder";
    public static final String TCP_FRAME_ENCODER = "tcpFrameEncoder";
    public static final String SESSION = "session";
    public static final String AUTH = "auth";
    public static final String MESSAGES = "messages";
    public static final String EXCEPTIONS = "exceptions";
    public static final String ADMIN_HTTP = "adminHttp";

    private HandlerNames() {
    }
}
