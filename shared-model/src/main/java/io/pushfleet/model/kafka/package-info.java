/** Kafka topics ({@link io.pushfleet.model.kafka.Topics}) and the uplink record ({@link io.pushfleet.model.kafka.UplinkRecord}). */
package io.pushfleet.model.kafka;
