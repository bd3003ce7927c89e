package com.calroute.routing.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/** A plain producer writing test input the way config-service and calendar-sync-service do. */
public final class Producers implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final AtomicReference<IllegalStateException> asyncFailure = new AtomicReference<>();

    /** A producer for the broker at {@code bootstrapServers}. */
    public Producers(String bootstrapServers) {
        this(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** A producer with these client settings (bootstrap servers, security). */
    public Producers(Map<String, Object> client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put("acks", "all");
        props.put("max.block.ms", "15000");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** Writes a record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write test input to " + topic, e);
        }
    }

    /** Writes many records, waiting once at the end ({@link #flush}, which fails if any of them was not written). */
    public void sendAsync(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                asyncFailure.compareAndSet(null, new IllegalStateException("cannot write test input to " + topic, error));
            }
        });
    }

    /** Waits for everything sent; a record {@link #sendAsync} could not write fails the test here, not later. */
    public void flush() {
        producer.flush();
        IllegalStateException failure = asyncFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
