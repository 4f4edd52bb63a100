/**
 * One small {@link io.pushfleet.edge.session.Session} per connection, reached through a channel attribute,
 * and the registries that hold sessions without scanning: {@link io.pushfleet.edge.session.SessionSweeper}
 * keeps one list per event loop and sweeps it on that loop for auth timeouts, idle connections and slow
 * consumers; {@link io.pushfleet.edge.session.ConnectionRegistry} counts connections and finds an
 * authenticated one by connection id for targeted commands. Start with {@code Session}. Closing is left to a
 * {@link io.pushfleet.edge.session.SessionCloser}, implemented by the pipeline.
 */
package io.pushfleet.edge.session;
