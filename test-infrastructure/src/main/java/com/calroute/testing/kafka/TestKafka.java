package com.calroute.testing.kafka;

import com.calroute.testing.net.FreePorts;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * One real Kafka broker (KRaft, from Kafka's own jars) per test JVM, started on first use on a free loopback
 * port and stopped when the JVM exits. Tests never depend on a broker someone had to start by hand.
 */
public final class TestKafka {

    private static EmbeddedKafkaBroker broker;

    private TestKafka() {
    }

    /** The bootstrap servers of the running test broker, starting it if needed. */
    public static synchronized String bootstrapServers() {
        if (broker == null || !broker.isRunning()) {
            long started = System.nanoTime();
            // Both listeners' ports chosen together: the companion picks each on its own and once gave both the same.
            int[] ports = FreePorts.distinct(2);
            broker = new EmbeddedKafkaBroker()
                    .withNodeId(0)
                    .withKafkaPort(ports[0])
                    .withControllerPort(ports[1])
                    .withKafkaHost("127.0.0.1")
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(properties -> {
                        // Services create their topics themselves (as in production); a typo must not
                        // silently create a new topic.
                        properties.put("auto.create.topics.enable", "false");
                        properties.put("group.initial.rebalance.delay.ms", "0");
                        properties.put("offsets.topic.num.partitions", "6");
                        properties.put("log.cleaner.backoff.ms", "1000");
                    })
                    .start();
            EmbeddedKafkaBroker started_ = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started_::close, "test-kafka-shutdown"));
            System.out.printf("Test Kafka broker up at %s in %d ms%n",
                    broker.getAdvertisedListeners(), (System.nanoTime() - started) / 1_000_000);
        }
        return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    /** Stops the broker (to test outages); the next {@link #bootstrapServers()} starts a fresh one. */
    public static synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
