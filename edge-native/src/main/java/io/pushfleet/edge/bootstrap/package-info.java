/**
 * Start-up and wiring: {@link io.pushfleet.edge.bootstrap.EdgeMain} reads the {@link io.pushfleet.edge.bootstrap.EdgeConfig}
 * (flags over environment variables over defaults, all listed in {@link io.pushfleet.edge.bootstrap.Setting}),
 * and runs an {@link io.pushfleet.edge.bootstrap.EdgeNode}, which builds every part, binds the listeners and
 * shuts them down in order. Nothing else in the edge reads the environment. Start with {@code EdgeNode}.
 */
package io.pushfleet.edge.bootstrap;
