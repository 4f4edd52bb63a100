/**
 * The Redis schema: {@link io.pushfleet.model.redis.RedisKeys} names every key, {@link io.pushfleet.model.redis.RouteValue}
 * and {@link io.pushfleet.model.redis.NodeConnection} are the value formats, {@link io.pushfleet.model.redis.RouteScripts}
 * the atomic route changes, and {@link io.pushfleet.model.redis.NodeCommands} the command stream entries.
 */
package io.pushfleet.model.redis;
