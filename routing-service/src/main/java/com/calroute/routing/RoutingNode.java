package com.calroute.routing;

import com.calroute.contracts.kafka.TopicSetup;
import com.calroute.routing.ingest.IngestLoop;
import com.calroute.routing.ingest.MessageParser;
import com.calroute.routing.ingest.TopicNames;
import com.calroute.routing.ingest.Update;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.ingest.UserTable;
import com.calroute.routing.override.BrokerWatch;
import com.calroute.routing.override.OverrideStore;
import com.calroute.routing.publish.Ownership;
import com.calroute.routing.publish.StatusPublisher;
import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.timers.ChangeTimers;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One routing replica, as plain Java: the lookup table fed by the assign-all ingest loop, the group membership
 * that decides which keys it publishes for, the status publisher, the change timers, the override store and
 * the dead-letter handling. The Quarkus application runs one; tests start more in-process against the same
 * broker to exercise restarts and hand-overs.
 */
public final class RoutingNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RoutingNode.class);
    /** Header naming why a record was dead-lettered. */
    public static final String DLQ_REASON_HEADER = "calroute.dlq.reason";
    /** Header naming the record a dead letter came from, as {@code topic/partition/offset}. */
    public static final String DLQ_SOURCE_HEADER = "calroute.dlq.source";

    /** How long a calendar or override may wait for its user (the topics are read in parallel). */
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(60);
    private static final Duration ORPHAN_PURGE_INTERVAL = Duration.ofSeconds(5);

    /**
     * What a node needs to know; {@code kafka} holds the settings every Kafka client starts from: the bootstrap
     * servers and, for a managed broker, its security.*, sasl.* and ssl.* settings.
     */
    public record Settings(Map<String, Object> kafka, TopicNames topics, String groupId, String clientId,
                           int partitions, boolean createTopics, Duration sessionTimeout, ZoneId defaultZone,
                           Duration writeTimeout, Clock clock) {
    }

    private final Settings settings;
    private final ObjectMapper mapper = mapper();
    private final KafkaProducer<String, String> producer;
    private final UserTable table;
    private final StatusPublisher publisher;
    private final ChangeTimers timers;
    private final IngestLoop ingest;
    private final Ownership ownership;
    private final OverrideStore overrides;
    private final KafkaProducer<String, String> overrideProducer;
    private final BrokerWatch brokerWatch;
    private final Map<Integer, Long> pendingOwnership = new ConcurrentHashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final Set<String> deadLettered = ConcurrentHashMap.newKeySet();
    private final List<ConsumerRecord<String, String>> poisonAwaitingOwner = new ArrayList<>();
    private final Map<ConsumerRecord<String, String>, String> poisonReasons = new HashMap<>();
    private final int partitionCount;
    private long lastOrphanPurgeNanos = System.nanoTime();

    /** Builds the node; nothing runs until {@link #start()}. */
    public RoutingNode(Settings settings) {
        this.settings = settings;
        Clock clock = settings.clock();
        if (settings.createTopics()) {
            TopicSetup.ensure(settings.kafka(), settings.topics().all(), settings.partitions());
        }
        this.producer = new KafkaProducer<>(producerProperties());
        this.partitionCount = producer.partitionsFor(settings.topics().users()).size();
        StatusEngine engine = new StatusEngine(clock);
        this.table = new UserTable(engine, settings.defaultZone(), this::partitionOf);
        this.timers = new ChangeTimers(clock, this::timerDue, settings.clientId() + "-timers");
        this.publisher = new StatusPublisher(producer, mapper, settings.topics().status(), table, clock,
                owned::contains, key -> timers.schedule(key, clock.instant().plusSeconds(1)));
        this.ingest = new IngestLoop(settings.kafka(), settings.clientId() + "-ingest", settings.topics(),
                new MessageParser(mapper, settings.topics()), table, new IngestListener());
        this.ownership = new Ownership(settings.kafka(), settings.groupId(),
                settings.clientId() + "-ownership", settings.sessionTimeout(), settings.topics().users(),
                settings.topics().status(), new HandOver());
        this.brokerWatch = new BrokerWatch(settings.kafka(), settings.clientId() + "-broker-watch");
        this.overrideProducer = new KafkaProducer<>(overrideProducerProperties());
        this.overrides = new OverrideStore(overrideProducer, mapper, settings.topics().overrides(), table, ingest,
                clock, settings.writeTimeout(), brokerWatch::reachable);
    }

    /** Starts reading, timing and joining the group. */
    public void start() {
        timers.start();
        ingest.start();
        ownership.start();
        brokerWatch.start();
    }

    /** Whether the lookup table has caught up with the topics' end offsets as they were at start. */
    public boolean isReady() {
        return ingest.isCaughtUp();
    }

    /** Whether the broker answered a moment ago (override writes are refused at once while it does not). */
    public boolean brokerReachable() {
        return brokerWatch.reachable();
    }

    /** The lookup table. */
    public UserTable table() {
        return table;
    }

    /** The status publisher (for the version a lookup reports). */
    public StatusPublisher publisher() {
        return publisher;
    }

    /** The durable override store. */
    public OverrideStore overrides() {
        return overrides;
    }

    /** The change timers (for diagnostics). */
    public ChangeTimers timers() {
        return timers;
    }

    /** How long the start-up replay took in milliseconds, -1 while it runs. */
    public long catchUpMillis() {
        return ingest.catchUpMillis();
    }

    /** The partitions this replica currently publishes for. */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(owned);
    }

    /** The clock the node reads. */
    public Clock clock() {
        return settings.clock();
    }

    /** The partition of a {@code tenantId/userId} (or tenant) key, as Kafka's default partitioner computes it. */
    public int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private void timerDue(String key) {
        publisher.reconcile(key, partitionOf(key));
        UserRoute route = table.byKey(key);
        if (route != null) {
            timers.schedule(key, route.plan().nextChangeAfter(settings.clock().instant()));
        }
    }

    /** Applies what the ingest loop read; runs on the ingest thread. */
    private final class IngestListener implements IngestLoop.Listener {

        @Override
        public void applied(Update update, Set<String> changedKeys) {
            if (update instanceof Update.StatusSeen seen) {
                publisher.seen(seen.key(), seen.message());
                return;
            }
            for (String key : changedKeys) {
                UserRoute route = table.byKey(key);
                timers.schedule(key, route == null ? null : route.plan().nextChangeAfter(settings.clock().instant()));
                publisher.reconcile(key, partitionOf(key));
                if (route == null && table.hasOrphanOverride(key) && owned.contains(partitionOf(key))
                        && ingest.isCaughtUp()) {
                    producer.send(new ProducerRecord<>(settings.topics().overrides(), key, null));
                }
            }
        }

        @Override
        public void poison(ConsumerRecord<String, String> record, String reason) {
            LOG.warnf("dead-lettering %s/%d/%d: %s", record.topic(), record.partition(), record.offset(), reason);
            poisonAwaitingOwner.add(record);
            poisonReasons.put(record, reason);
            if (ingest.isCaughtUp()) {
                flushPoison();
            }
        }

        @Override
        public void deadLettered(ConsumerRecord<String, String> record) {
            Header source = record.headers().lastHeader(DLQ_SOURCE_HEADER);
            if (source != null) {
                deadLettered.add(new String(source.value(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public void caughtUp() {
            publisher.enable();
        }

        @Override
        public void afterPoll() {
            if (!ingest.isCaughtUp()) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastOrphanPurgeNanos > ORPHAN_PURGE_INTERVAL.toNanos()) {
                lastOrphanPurgeNanos = now;
                for (String key : table.purgeOrphans(now, ORPHAN_GRACE.toNanos())) {
                    if (owned.contains(partitionOf(key))) {
                        producer.send(new ProducerRecord<>(settings.topics().overrides(), key, null));
                    }
                }
            }
            if (pendingOwnership.isEmpty()) {
                return;
            }
            for (Map.Entry<Integer, Long> pending : Map.copyOf(pendingOwnership).entrySet()) {
                int partition = pending.getKey();
                TopicPartition status = new TopicPartition(settings.topics().status(), partition);
                if (ingest.positionOnLoopThread(status) >= pending.getValue()
                        && pendingOwnership.remove(partition, pending.getValue())) {
                    owned.add(partition);
                    takeOver(partition);
                }
            }
            flushPoison();
        }
    }

    /** Publishes what changed while nobody owned the partition; a same status publishes nothing. */
    private void takeOver(int partition) {
        int reconciled = 0;
        for (UserRoute route : table.routes()) {
            if (route.partition() == partition) {
                publisher.reconcile(route.key(), partition);
                reconciled++;
            }
        }
        for (String key : publisher.knownKeys()) {
            if (partitionOf(key) == partition && table.byKey(key) == null) {
                publisher.reconcile(key, partition);
                if (table.hasOrphanOverride(key)) {
                    producer.send(new ProducerRecord<>(settings.topics().overrides(), key, null));
                }
            }
        }
        LOG.infof("took over partition %d (%d users)", partition, reconciled);
    }

    /** Dead-letters held poison records of owned partitions that no replica dead-lettered before. */
    private void flushPoison() {
        poisonAwaitingOwner.removeIf(record -> {
            if (!owned.contains(record.partition())) {
                return false;
            }
            String source = record.topic() + "/" + record.partition() + "/" + record.offset();
            String reason = poisonReasons.remove(record);
            if (deadLettered.add(source)) {
                ProducerRecord<String, String> letter =
                        new ProducerRecord<>(settings.topics().dlq(), record.key(), record.value());
                letter.headers().add(DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
                letter.headers().add(DLQ_SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
                producer.send(letter);
            }
            return true;
        });
    }

    /** Partition hand-overs from the group membership thread. */
    private final class HandOver implements Ownership.HandOver {

        @Override
        public void assigned(Map<Integer, Long> statusEndOffsets) {
            pendingOwnership.putAll(statusEndOffsets);
        }

        @Override
        public void revoked(Collection<Integer> partitions) {
            publisher.withoutPublishing(() -> {
                owned.removeAll(partitions);
                partitions.forEach(pendingOwnership::remove);
            });
        }
    }

    /**
     * The override writes' own producer: it gives a record up once the caller was told the write failed (never
     * blocking longer than the write time-out, never delivering it later), which the status producer must not do.
     */
    private Properties overrideProducerProperties() {
        Properties props = producerProperties();
        long timeout = settings.writeTimeout().toMillis();
        props.put("client.id", settings.clientId() + "-override-producer");
        props.put("max.block.ms", Long.toString(timeout));
        props.put("request.timeout.ms", Long.toString(Math.max(1, timeout - 2)));
        props.put("delivery.timeout.ms", Long.toString(timeout));
        return props;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.putAll(settings.kafka());
        props.put("client.id", settings.clientId() + "-producer");
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "2");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        return props;
    }

    /** The JSON mapping of the topics: ISO instants, unknown fields ignored, nulls for primitives rejected. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    @Override
    public void close() {
        ownership.close();
        ingest.close();
        timers.close();
        brokerWatch.close();
        overrideProducer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
    }
}
