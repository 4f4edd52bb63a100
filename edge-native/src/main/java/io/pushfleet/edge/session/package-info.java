/**
 * One small {@link io.pushfleet.edge.session.Session} per connection, reached through a channel attribute,
 * and the registries that hold sessions without scanning: {@link io.pushfleet.edge.session.SessionSweeper}
 * keeps one list per event loop and sweeps it on that loop for auth timeouts, idle connections and slow
 * consumers (broadcasts walk the same lists); {@link io.pushfleet.edge.session.ConnectionRegistry} counts
 * connections, finds an authenticated one by connection id for targeted commands, and keeps
 * {@link io.pushfleet.edge.session.UserSessions}, the user-to-sessions index pushes look their targets up in.
 * Start with {@code Session}. Closing is left to a
 * {@link io.pushfleet.edge.session.SessionCloser}, implemented by the pipeline.
 */
package io.pushfleet.edge.session;
