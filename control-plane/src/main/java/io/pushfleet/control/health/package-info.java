/**
 * Probes. SmallRye Health provides {@code /q/health/*} with the Redis and datasource readiness checks of
 * their extensions; {@link io.pushfleet.control.health.HealthAliases} adds the fleet's {@code /health/*}
 * paths and {@link io.pushfleet.control.health.SigningKeysHealthCheck} adds readiness of the published keys.
 */
package io.pushfleet.control.health;
