/**
 * The three servers and how they are run: {@link io.pushfleet.localstack.server.ServerSupervisor} holds
 * the start, reuse and stop rules common to all; {@link io.pushfleet.localstack.server.RedisServer},
 * {@link io.pushfleet.localstack.server.MariaDbServer} and {@link io.pushfleet.localstack.server.KafkaServer}
 * say how each one is initialised, launched, recognised and probed.
 */
package io.pushfleet.localstack.server;
