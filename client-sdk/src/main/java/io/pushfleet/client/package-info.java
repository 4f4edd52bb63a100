/**
 * The Java client of pushfleet: log in through the control plane, connect to an edge over WebSocket or TCP,
 * authenticate, heartbeat, receive pushes and close. Start with {@link io.pushfleet.client.PushClient}
 * (login, then connect with fallbacks) and its {@link io.pushfleet.client.PushSession} (stays connected:
 * reconnect with backoff, a buffer of messages until their receipt, duplicate pushes dropped; the rules of
 * what is retried are in {@code ReconnectRules}, the buffer is {@code Outbox}, the dedupe window
 * {@code ReceivedIds}); {@link io.pushfleet.client.EdgeConnection} is one live connection and
 * {@link io.pushfleet.client.FrameListener} what it calls; {@link io.pushfleet.client.ControlPlaneClient} is
 * the REST half on its own. Inside, the package-private {@code EdgeConnector} owns the shared timer and
 * WebSocket client, {@code Heartbeat} pings, and transports sit behind {@code Wire} ({@code WebSocketWire},
 * {@code TcpWire}). docs/client-sdk.md is the guide.
 */
package io.pushfleet.client;
