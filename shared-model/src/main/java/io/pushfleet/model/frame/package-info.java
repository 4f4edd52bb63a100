/**
 * The frame model: {@link io.pushfleet.model.frame.Frame} and its records, {@link io.pushfleet.model.frame.FrameType}
 * and the {@link io.pushfleet.model.frame.CloseCode}s every boundary closes with. Start with {@code Frame};
 * docs/protocol.md is the prose version.
 */
package io.pushfleet.model.frame;
