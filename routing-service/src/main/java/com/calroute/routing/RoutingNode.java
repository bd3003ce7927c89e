package com.calroute.routing;

import com.calroute.contracts.kafka.TopicSetup;
import com.calroute.routing.ingest.IngestLoop;
import com.calroute.routing.ingest.MessageParser;
import com.calroute.routing.ingest.TopicJson;
import com.calroute.routing.ingest.TopicNames;
import com.calroute.routing.ingest.Update;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.ingest.UserTable;
import com.calroute.routing.override.BrokerWatch;
import com.calroute.routing.override.OverrideStore;
import com.calroute.routing.publish.DeadLetters;
import com.calroute.routing.publish.OrphanPurge;
import com.calroute.routing.publish.Ownership;
import com.calroute.routing.publish.PartitionHandOver;
import com.calroute.routing.publish.StatusPublisher;
import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.timers.ChangeTimers;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * One routing replica, wired as plain Java: the lookup table fed by the assign-all ingest loop, the group membership
 * and partition hand-over that decide which keys it publishes for, the status publisher, the change timers, the
 * override store, the dead letters and the orphan purge. The Quarkus application runs one; tests start more
 * in-process against the same broker to exercise restarts and hand-overs.
 */
public final class RoutingNode implements AutoCloseable {

    /**
     * What a node needs to know; {@code kafka} holds the settings every Kafka client starts from: the bootstrap
     * servers and, for a managed broker, its security.*, sasl.* and ssl.* settings.
     */
    public record Settings(Map<String, Object> kafka, TopicNames topics, String groupId, String clientId,
                           int partitions, boolean createTopics, Duration sessionTimeout, ZoneId defaultZone,
                           Duration writeTimeout, Clock clock) {
    }

    private final Settings settings;
    private final KafkaProducer<String, String> producer;
    private final UserTable table;
    private final StatusPublisher publisher;
    private final ChangeTimers timers;
    private final OrphanPurge orphans;
    private final DeadLetters deadLetters;
    private final IngestLoop ingest;
    private final PartitionHandOver handOver;
    private final Ownership ownership;
    private final OverrideStore overrides;
    private final KafkaProducer<String, String> overrideProducer;
    private final BrokerWatch brokerWatch;
    private final int partitionCount;

    /** Builds the node; nothing runs until {@link #start()}. */
    public RoutingNode(Settings settings) {
        this.settings = settings;
        Clock clock = settings.clock();
        TopicNames topics = settings.topics();
        ObjectMapper mapper = TopicJson.mapper();
        if (settings.createTopics()) {
            TopicSetup.ensure(settings.kafka(), topics.all(), settings.partitions());
        } else {
            TopicSetup.check(settings.kafka(), topics.all());
        }
        this.producer = RoutingProducers.status(settings);
        this.partitionCount = producer.partitionsFor(topics.users()).size();
        this.table = new UserTable(new StatusEngine(clock), settings.defaultZone(), this::partitionOf);
        this.timers = new ChangeTimers(clock, this::timerDue, settings.clientId() + "-timers");
        // this::owns, not handOver::owns: the hand-over needs the publisher, so it is built after it.
        this.publisher = new StatusPublisher(producer, mapper, topics.status(), table, clock, this::owns,
                key -> timers.schedule(key, clock.instant().plusSeconds(1)));
        this.orphans = new OrphanPurge(producer, topics.overrides(), table, this::owns, this::partitionOf);
        this.deadLetters = new DeadLetters(producer, topics.dlq(), this::owns);
        this.ingest = new IngestLoop(settings.kafka(), settings.clientId() + "-ingest", topics,
                new MessageParser(mapper, topics), table, new IngestListener());
        this.handOver = new PartitionHandOver(topics.status(), table, publisher, orphans, ingest, this::partitionOf);
        this.ownership = new Ownership(settings.kafka(), settings.groupId(),
                settings.clientId() + "-ownership", settings.sessionTimeout(), topics.users(),
                topics.status(), handOver);
        this.brokerWatch = new BrokerWatch(settings.kafka(), settings.clientId() + "-broker-watch");
        this.overrideProducer = RoutingProducers.overrides(settings);
        this.overrides = new OverrideStore(overrideProducer, mapper, topics.overrides(), table, ingest,
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

    /** How long the start-up replay took in milliseconds, -1 while it runs. */
    public long catchUpMillis() {
        return ingest.catchUpMillis();
    }

    /** The partitions this replica currently publishes for. */
    public Set<Integer> ownedPartitions() {
        return handOver.owned();
    }

    /** The clock the node reads. */
    public Clock clock() {
        return settings.clock();
    }

    /** The partition of a {@code tenantId/userId} (or tenant) key, as Kafka's default partitioner computes it. */
    private int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private boolean owns(int partition) {
        return handOver.owns(partition);
    }

    private void timerDue(String key) {
        publisher.reconcile(key, partitionOf(key));
        UserRoute route = table.byKey(key);
        if (route != null) {
            timers.schedule(key, route.plan().nextChangeAfter(settings.clock().instant()));
        }
    }

    /**
     * Hands what the ingest loop read to the timers, the publisher, the dead letters, the orphan purge and the
     * hand-over; runs on the ingest thread. Nothing is written before the table caught up: until then a user or a
     * dead letter still to be read could make the write wrong.
     */
    private final class IngestListener implements IngestLoop.Listener {

        @Override
        public void applied(Update update, Set<String> changedKeys) {
            if (update instanceof Update.StatusSeen seen) {
                publisher.seen(seen.key(), seen.message());
                return;
            }
            routesChanged(changedKeys);
        }

        @Override
        public void compiled(Set<String> keys) {
            routesChanged(keys);
        }

        /** The timers, the publisher and the orphan purge follow each changed route. */
        private void routesChanged(Set<String> keys) {
            for (String key : keys) {
                UserRoute route = table.byKey(key);
                timers.schedule(key, route == null ? null : route.plan().nextChangeAfter(settings.clock().instant()));
                if (route != null) {
                    publisher.adopt(route);
                }
                publisher.reconcile(key, partitionOf(key));
                if (route == null && ingest.isCaughtUp()) {
                    orphans.deleteIfOwnedOrphan(key);
                }
            }
        }

        @Override
        public void poison(ConsumerRecord<String, String> record, String reason) {
            deadLetters.hold(record, reason);
            if (ingest.isCaughtUp()) {
                deadLetters.flush();
            }
        }

        @Override
        public void deadLettered(ConsumerRecord<String, String> record) {
            deadLetters.readBack(record);
        }

        @Override
        public void caughtUp() {
            publisher.enable();
        }

        @Override
        public void afterBatch() {
            if (!ingest.isCaughtUp()) {
                return;
            }
            orphans.purgeIfDue();
            if (!handOver.anyPending()) {
                return;
            }
            handOver.takeOverCaughtUp();
            deadLetters.flush();
        }
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
