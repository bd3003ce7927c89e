package com.calroute.sync.testsupport;

import com.calroute.contracts.Topics;
import com.calroute.testing.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads calendar-sync's dead-letter topic from the beginning on a background thread. The topic may not exist yet
 * when the watcher starts (the service creates it), so the watcher keeps looking for its partitions.
 */
public final class DeadLetterWatcher implements AutoCloseable {

    /** The sync service's dead-letter topic. */
    public static final String TOPIC = "calroute.sync.dlq.v1";

    /** One dead letter: the original key and value, and the reason and source headers. */
    public record Letter(String key, String value, String reason, String source) {
    }

    private final List<Letter> letters = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public DeadLetterWatcher() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer());
        thread = new Thread(() -> {
            try (consumer) {
                boolean assigned = false;
                while (running) {
                    if (!assigned) {
                        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(TOPIC);
                        if (infos == null || infos.isEmpty()) {
                            sleep();
                            continue;
                        }
                        List<TopicPartition> partitions = infos.stream()
                                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
                        consumer.assign(partitions);
                        consumer.seekToBeginning(partitions);
                        assigned = true;
                    }
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        letters.add(new Letter(record.key(), record.value(), header(record, Topics.DEAD_LETTER_REASON_HEADER),
                                header(record, Topics.DEAD_LETTER_SOURCE_HEADER)));
                    }
                }
            }
        }, "dlq-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every dead letter of {@code key} so far. */
    public List<Letter> of(String key) {
        return letters.stream().filter(letter -> key.equals(letter.key())).toList();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
