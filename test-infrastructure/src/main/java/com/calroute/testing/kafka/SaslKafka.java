package com.calroute.testing.kafka;

import com.calroute.testing.net.FreePorts;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import java.util.Map;

/**
 * A broker like a managed Kafka that wants authentication: its only listener is SASL_PLAINTEXT with the PLAIN
 * mechanism, and one client user, {@code calroute}. A client that is not given {@link #clientSettings()} cannot
 * talk to it. For tests that prove every Kafka client of a service takes its security settings from configuration.
 * Run such tests as {@code *IT} in a JVM of their own: after this broker has run, a later in-process broker of the
 * same JVM was seen to leave two-member consumer groups unassigned (cause not found in Kafka's in-JVM state).
 */
public final class SaslKafka implements AutoCloseable {

    /** The client user's password (tests check it reaches no log). */
    public static final String PASSWORD = "calroute-broker-secret";

    private final EmbeddedKafkaBroker broker;
    private final int port;

    private SaslKafka(EmbeddedKafkaBroker broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    /** Starts a fresh SASL-only broker on a free loopback port. */
    public static SaslKafka start() {
        // The SASL listener, the companion's own PLAINTEXT listener and the controller, on three different ports.
        int[] ports = FreePorts.distinct(3);
        int port = ports[0];
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().withNodeId(0).withKafkaHost("127.0.0.1")
                .withKafkaPort(ports[1]).withControllerPort(ports[2])
                .withDeleteLogDirsOnClose(true)
                .withAdvertisedListeners(EmbeddedKafkaBroker.endpoint(SecurityProtocol.SASL_PLAINTEXT, "127.0.0.1", port))
                .withAdditionalProperties(properties -> {
                    properties.put("auto.create.topics.enable", "false");
                    properties.put("group.initial.rebalance.delay.ms", "0");
                    properties.put("offsets.topic.num.partitions", "3");
                    properties.put("sasl.enabled.mechanisms", "PLAIN");
                    properties.put("inter.broker.listener.name", "SASL_PLAINTEXT");
                    properties.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
                    properties.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\""
                                    + " password=\"broker-secret\" user_broker=\"broker-secret\""
                                    + " user_calroute=\"" + PASSWORD + "\";");
                });
        broker.start();
        return new SaslKafka(broker, port);
    }

    /** The bootstrap servers. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The settings a Kafka client needs for this broker (bootstrap servers, SASL_PLAINTEXT, PLAIN, JAAS). */
    public Map<String, Object> clientSettings() {
        return Map.of("bootstrap.servers", bootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"calroute\" password=\""
                        + PASSWORD + "\";");
    }

    @Override
    public void close() {
        broker.close();
    }
}
