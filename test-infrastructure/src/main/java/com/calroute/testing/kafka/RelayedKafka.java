package com.calroute.testing.kafka;

import com.calroute.testing.net.FreePorts;
import com.calroute.testing.net.TcpRelay;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A Kafka broker of a test's own that clients reach only through a {@link TcpRelay}: it advertises the relay's port,
 * so every connection (bootstrap and the leader's) passes the relay, and {@link #relay()}{@code .cut()} takes the
 * broker away from the clients without stopping it; {@code restore()} gives the same broker, with its data, back.
 */
public final class RelayedKafka implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final TcpRelay relay;

    private RelayedKafka(EmbeddedKafkaBroker broker, TcpRelay relay) {
        this.broker = broker;
        this.relay = relay;
    }

    /** Starts the broker and its relay. */
    public static RelayedKafka start() {
        int[] ports = FreePorts.distinct(2);
        TcpRelay relay = TcpRelay.to("127.0.0.1", ports[0]);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withKafkaPort(ports[0])
                .withControllerPort(ports[1])
                .withKafkaHost("127.0.0.1")
                .withAdvertisedListeners("PLAINTEXT://127.0.0.1:" + relay.port())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(properties -> {
                    properties.put("auto.create.topics.enable", "false");
                    properties.put("group.initial.rebalance.delay.ms", "0");
                    properties.put("offsets.topic.num.partitions", "6");
                })
                .start();
        return new RelayedKafka(broker, relay);
    }

    /** What clients connect to: the relay. */
    public String bootstrapServers() {
        return "127.0.0.1:" + relay.port();
    }

    /** The relay between the clients and the broker. */
    public TcpRelay relay() {
        return relay;
    }

    @Override
    public void close() {
        relay.close();
        broker.close();
    }
}
