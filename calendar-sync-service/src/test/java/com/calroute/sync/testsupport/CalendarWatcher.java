package com.calroute.sync.testsupport;

import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.testing.contract.ContractSchemas;
import com.calroute.testing.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads {@code calroute.calendar.v1} from the beginning on a background thread and keeps every record with the
 * moment it arrived, so tests can wait for a message, measure latency, and check nothing extra was published.
 * Every non-tombstone value is validated against the contract schema as it arrives.
 */
public final class CalendarWatcher implements AutoCloseable {

    /** One record as seen by the watcher; {@code message} is null for a tombstone. */
    public record Seen(String key, String json, CalendarMessage message, Instant arrivedAt) {
        public boolean tombstone() {
            return json == null;
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> invalid = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public CalendarWatcher() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(com.calroute.contracts.Topics.CALENDAR,
                Duration.ofSeconds(30)).stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        CalendarMessage message = null;
                        if (record.value() != null) {
                            List<String> violations = ContractSchemas.violations(
                                    com.calroute.contracts.Topics.CALENDAR, record.value());
                            if (!violations.isEmpty()) {
                                invalid.add(record.key() + ": " + violations);
                            }
                            try {
                                message = Topics.MAPPER.readValue(record.value(), CalendarMessage.class);
                            } catch (Exception e) {
                                invalid.add(record.key() + ": unreadable");
                            }
                        }
                        seen.add(new Seen(record.key(), record.value(), message, Instant.now()));
                    }
                }
            }
        }, "calendar-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every record of a key so far, in arrival order. */
    public List<Seen> of(String key) {
        List<Seen> records = new ArrayList<>();
        for (Seen record : seen) {
            if (record.key().equals(key)) {
                records.add(record);
            }
        }
        return records;
    }

    /**
     * Asserts {@code key}'s messages so far are one history: versions 1, 2, 3… in arrival order (one partition keeps
     * a key's order). Two replicas syncing one mailbox would both publish a version 1; a new owner that did not resume
     * from the topic would repeat a version.
     */
    public void assertOneHistory(String key) {
        List<Long> versions = of(key).stream().map(s -> s.tombstone() ? 0L : s.message().version()).toList();
        assertThat(versions).as("versions of %s in arrival order: %s", key, versions).isNotEmpty()
                .isEqualTo(LongStream.rangeClosed(1, versions.size()).boxed().toList());
    }

    /**
     * Asserts {@code key} was read once and its calendar did not change: {@link #assertOneHistory one history}, and
     * every version after the first the same items with news of the absence settings. Learning a mailbox's working
     * hours or automatic replies is news the poller finds at a random moment after the first read (within
     * {@code calroute.sync.automatic-replies-interval}, for EWS working hours within the working-hours interval),
     * so with hundreds of mailboxes some get it while a test looks.
     */
    public void assertReadOnceAndUnchanged(String key) {
        assertOneHistory(key);
        List<Seen> records = of(key);
        CalendarMessage first = records.get(0).message();
        for (int i = 1; i < records.size(); i++) {
            CalendarMessage before = records.get(i - 1).message();
            CalendarMessage later = records.get(i).message();
            assertThat(later.items()).as("items of %s version %d", key, later.version()).isEqualTo(first.items());
            assertThat(Objects.equals(later.workingHours(), before.workingHours())
                    && Objects.equals(later.automaticReplies(), before.automaticReplies()))
                    .as("%s version %d brings news of working hours or automatic replies", key, later.version())
                    .isFalse();
        }
    }

    /** Everything seen so far. */
    public List<Seen> all() {
        return List.copyOf(seen);
    }

    /** Values that broke the contract schema. */
    public List<String> invalid() {
        return List.copyOf(invalid);
    }

    /** Waits for the first record of {@code key} after index {@code after} matching {@code condition}. */
    public Seen await(String key, int after, Predicate<Seen> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Seen> records = of(key);
            for (int i = after; i < records.size(); i++) {
                if (condition.test(records.get(i))) {
                    return records.get(i);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError("no matching calendar message for " + key + " within " + timeout + "; saw "
                + of(key).stream().map(s -> s.tombstone() ? "tombstone" : "v" + s.message().version() + " items="
                + s.message().items().size()).toList());
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
