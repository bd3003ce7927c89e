package com.calroute.e2e;

import com.calroute.contracts.Topics;
import com.calroute.testing.contract.ContractSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what appears on calroute.status.v1 from now on, as a telecom service downstream would see it. */
public final class StatusEvents implements AutoCloseable {

    /** One status value with its key and the time it was received. */
    public record Event(String key, JsonNode value) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public StatusEvents(String bootstrapServers) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATUS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value() != null) {
                            ContractSchemas.assertValid(Topics.STATUS, record.value());
                        }
                        events.add(new Event(record.key(),
                                record.value() == null ? null : ContractSchemas.tree(record.value())));
                    }
                }
            }
        }, "e2e-status-events");
        poller.setDaemon(true);
        poller.start();
    }

    public List<Event> of(String key) {
        return events.stream().filter(event -> event.key().equals(key)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
    }
}
