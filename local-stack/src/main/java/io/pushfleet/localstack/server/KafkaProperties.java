package io.pushfleet.localstack.server;

import java.nio.file.Path;

/** The {@code server.properties} of a single-node KRaft broker sized for a laptop, not for production. */
final class KafkaProperties {

    private KafkaProperties() {
    }

    /** Broker and controller in one process, PLAINTEXT on {@code port}, the controller on {@code controllerPort}. */
    static String combinedNode(String host, int port, int controllerPort, Path dataDir) {
        return """
                # Written by local-stack on every start; edits are overwritten.
                process.roles=broker,controller
                node.id=1
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                controller.quorum.bootstrap.servers=%1$s:%3$d
                log.dirs=%4$s
                # One replica of everything, few partitions for internal topics: starts fast, small on disk.
                num.partitions=1
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                share.coordinator.state.topic.num.partitions=1
                auto.create.topics.enable=true
                group.initial.rebalance.delay.ms=0
                num.network.threads=2
                num.io.threads=2
                num.recovery.threads.per.data.dir=1
                log.retention.hours=24
                """.formatted(host, port, controllerPort, dataDir);
    }
}
