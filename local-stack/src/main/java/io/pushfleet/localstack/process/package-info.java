/**
 * Operating-system plumbing for detached servers: launching in a new session
 * ({@link io.pushfleet.localstack.process.DetachedLauncher}), pid files and the process table,
 * log watching for readiness lines, free-port checks and the per-instance lock.
 */
package io.pushfleet.localstack.process;
