package com.calroute.routing.support;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Reads every record of a topic from the beginning, in the background, remembering when each arrived. */
public final class TopicWatcher implements AutoCloseable {

    /** A record and the wall-clock millisecond this watcher received it. */
    public record Seen(ConsumerRecord<String, String> record, long receivedAtMillis) {

        /** The record key. */
        public String key() {
            return record.key();
        }

        /** The record value (null for a tombstone). */
        public String value() {
            return record.value();
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts watching {@code topic} on the broker at {@code bootstrapServers}. */
    public TopicWatcher(String bootstrapServers, String topic) {
        this(Map.of("bootstrap.servers", bootstrapServers), topic);
    }

    /** Starts watching {@code topic} with these client settings (bootstrap servers, security). */
    public TopicWatcher(Map<String, Object> client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        seen.add(new Seen(record, System.currentTimeMillis()));
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }, "watch-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Every record seen so far. */
    public List<Seen> all() {
        return List.copyOf(seen);
    }

    /** The records seen so far that match. */
    public List<Seen> matching(Predicate<Seen> filter) {
        return seen.stream().filter(filter).toList();
    }

    /** The records seen so far with this key. */
    public List<Seen> forKey(String key) {
        return matching(s -> key.equals(s.key()));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
