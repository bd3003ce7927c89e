package com.calroute.routing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Properties;

/**
 * The two Kafka producers of a routing replica. Routing's own definition: config-service's outbox relay and
 * calendar-sync's publisher set other linger, in-flight, compression and time-out values, and contracts defines no
 * producer, so one shared definition would change some service's settings.
 */
final class RoutingProducers {

    private RoutingProducers() {
    }

    /** Status events, dead letters and override tombstones: acknowledged by all replicas, idempotent. */
    static KafkaProducer<String, String> status(RoutingNode.Settings settings) {
        return new KafkaProducer<>(common(settings, "-producer"));
    }

    /**
     * The override writes' own producer: it gives a record up once the caller was told the write failed (never
     * blocking longer than the write time-out, never delivering it later), which the status producer must not do.
     */
    static KafkaProducer<String, String> overrides(RoutingNode.Settings settings) {
        Properties props = common(settings, "-override-producer");
        long timeout = settings.writeTimeout().toMillis();
        props.put("max.block.ms", Long.toString(timeout));
        props.put("request.timeout.ms", Long.toString(Math.max(1, timeout - 2)));
        props.put("delivery.timeout.ms", Long.toString(timeout));
        return new KafkaProducer<>(props);
    }

    private static Properties common(RoutingNode.Settings settings, String clientIdSuffix) {
        Properties props = new Properties();
        props.putAll(settings.kafka());
        props.put("client.id", settings.clientId() + clientIdSuffix);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "2");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        return props;
    }
}
