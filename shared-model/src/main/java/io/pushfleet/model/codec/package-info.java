/**
 * The two encodings of {@link io.pushfleet.model.frame.Frame}: {@link io.pushfleet.model.codec.BinaryCodec}
 * (TCP, WebSocket binary) and {@link io.pushfleet.model.codec.JsonCodec} (WebSocket text). Both implement
 * {@link io.pushfleet.model.codec.FrameCodec}; every malformed input ends in a
 * {@link io.pushfleet.model.codec.ProtocolException} carrying the close code.
 */
package io.pushfleet.model.codec;
