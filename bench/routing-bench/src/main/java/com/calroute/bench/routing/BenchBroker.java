package com.calroute.bench.routing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.nio.file.Files;
import java.nio.file.Path;

/** A real single-node Kafka broker (KRaft) on a free loopback port; writes its bootstrap address to a file. */
public final class BenchBroker {

    private BenchBroker() {
    }

    /** Runs until standard input closes or the process is stopped. Argument: file to write the address to. */
    public static void main(String[] args) throws Exception {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withKafkaHost("127.0.0.1")
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("auto.create.topics.enable", "false");
                    p.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        String bootstrap = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
        Files.writeString(Path.of(args[0]), bootstrap);
        System.out.println("broker up at " + bootstrap);
        Thread.currentThread().join();
    }
}
