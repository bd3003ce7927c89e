package com.calroute.sync.publish;

import com.calroute.contracts.Topics;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.sync.contract.Intake;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.PublishDecision.LastPublished;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code calroute.calendar.v1} holds for each key this replica owns: the last version and the fingerprint of
 * the last snapshot. Loaded from the compacted topic itself when a users.v1 partition is assigned, so a new owner
 * resumes versions where the previous one stopped and does not republish an unchanged calendar — no database
 * needed, the topic is the truth. A value the {@link Intake} refuses does not count: the key keeps its last good
 * version, marked so the next snapshot replaces the refused value on the compacted topic.
 */
public class CalendarLedger {

    private static final Logger LOG = Logger.getLogger(CalendarLedger.class);

    private final Map<String, LastPublished> byKey = new ConcurrentHashMap<>();
    private final Map<String, Object> kafka;
    private final ObjectMapper mapper;
    private final Intake intake;

    public CalendarLedger(Map<String, Object> kafka, ObjectMapper mapper, Intake intake) {
        this.kafka = kafka;
        this.mapper = mapper;
        this.intake = intake;
    }

    /** The last published state of a key, or null if the topic has never held it. */
    public LastPublished last(String key) {
        return byKey.get(key);
    }

    /** Records a successful publish. */
    public void record(String key, LastPublished published) {
        byKey.merge(key, published, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    /** Forgets the keys of partitions handed to another replica. */
    public void forget(Collection<String> keys) {
        keys.forEach(byKey::remove);
    }

    /**
     * Reads the calendar topic's records for the keys of users.v1 partition {@code usersPartition} (of
     * {@code usersPartitions}) from the beginning to the current end.
     */
    public void load(int usersPartition, int usersPartitions) {
        load(List.of(usersPartition), usersPartitions);
    }

    /**
     * Reads the calendar topic's records for the keys of these users.v1 partitions (of {@code usersPartitions}) from
     * the beginning to the current end, in one pass with one consumer.
     */
    public void load(Collection<Integer> wanted, int usersPartitions) {
        long started = System.nanoTime();
        Set<Integer> owned = Set.copyOf(wanted);
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "calendar-sync-ledger");
        int loaded = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.CALENDAR, Duration.ofSeconds(30));
            List<TopicPartition> partitions = infos.size() == usersPartitions
                    ? owned.stream().map(partition -> new TopicPartition(Topics.CALENDAR, partition)).toList()
                    : infos.stream().map(info -> new TopicPartition(Topics.CALENDAR, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !owned.contains(usersPartitionOf(record.key(), usersPartitions))) {
                        continue;
                    }
                    apply(record);
                    loaded++;
                }
            }
        }
        LOG.debugf("calendar ledger for users partitions %s: %d records in %d ms", owned, loaded,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void apply(ConsumerRecord<String, String> record) {
        String key = record.key();
        String value = record.value();
        LastPublished previous = byKey.get(key);
        long previousVersion = previous == null ? 0 : previous.version();
        if (value == null) {
            byKey.put(key, new LastPublished(previousVersion, null));
            return;
        }
        if (!intake.accepts(record)) {
            // Its version does not count (routing refuses it too); the next snapshot must replace it.
            byKey.put(key, new LastPublished(previousVersion, "refused"));
            return;
        }
        try {
            CalendarMessage message = mapper.readValue(value, CalendarMessage.class);
            long version = Math.max(previousVersion, message.version());
            CalendarSnapshot snapshot = CalendarMessages.toSnapshot(message);
            byKey.put(key, LastPublished.after(version, snapshot.fingerprint(), message.calendarAsOf(), previous,
                    snapshot));
        } catch (Exception e) {
            // Unreadable value: keep counting versions from it, and make sure the next snapshot replaces it.
            LOG.warnf("unreadable calendar value for key %s; it will be replaced", key);
            byKey.put(key, new LastPublished(previousVersion, "unreadable"));
        }
    }

    /** The users.v1 partition of a key under Kafka's default partitioner. */
    public static int usersPartitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
