package com.calroute.config.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a topic of the real test broker from the beginning, keeping the records whose key a test cares about. */
public final class TopicReader {

    private TopicReader() {
    }

    /** One record as read: key, value (null for a tombstone), partition and offset. */
    public record Message(String key, String value, int partition, long offset) {
    }

    /**
     * Reads until {@code enough} holds for the matching records or {@code timeout} passes, then keeps reading for
     * {@code settle} to catch anything extra (so "exactly one" can be asserted).
     */
    public static List<Message> read(String bootstrap, String topic, Predicate<String> keyFilter,
                                     Predicate<List<Message>> enough, Duration timeout, Duration settle) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Message> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && keyFilter.test(record.key())) {
                        matching.add(new Message(record.key(), record.value(), record.partition(), record.offset()));
                    }
                }
                if (settleUntil == Long.MAX_VALUE && enough.test(matching)) {
                    settleUntil = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return matching;
    }

    /** Reads the records of keys starting with {@code keyPrefix} until at least {@code count} arrived (plus 1 s). */
    public static List<Message> atLeast(String bootstrap, String topic, String keyPrefix, int count) {
        return read(bootstrap, topic, key -> key.startsWith(keyPrefix), list -> list.size() >= count,
                Duration.ofSeconds(30), Duration.ofSeconds(1));
    }
}
