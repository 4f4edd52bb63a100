/**
 * Real Redis, MariaDB and Kafka on loopback for integration tests and the local run, without Docker.
 * Start reading at {@link io.pushfleet.localstack.LocalStack} (the library API used by tests),
 * {@link io.pushfleet.localstack.LocalStackConfig} (instances and ports) and
 * {@link io.pushfleet.localstack.LocalStackCli} (the {@code bin/local-stack} command line).
 */
package io.pushfleet.localstack;
