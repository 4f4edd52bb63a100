/**
 * The uplink consumer (DESIGN 3.8): every client {@code send} and {@code uplink} the edges produce to Kafka
 * is persisted once into {@code messages}. Start with {@link io.pushfleet.control.uplink.UplinkWorker}: poll,
 * persist the batch in one transaction ({@link io.pushfleet.control.uplink.JdbcUplinkStore},
 * {@code INSERT IGNORE} on the two unique keys), and only then commit the offsets.
 * {@link io.pushfleet.control.uplink.UplinkConsumer} runs one worker after another on its own thread;
 * {@link io.pushfleet.control.uplink.KafkaClients} builds the clients from {@code kafka.bootstrap.servers}.
 */
package io.pushfleet.control.uplink;
