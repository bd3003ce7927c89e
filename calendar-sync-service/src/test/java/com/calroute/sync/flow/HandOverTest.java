package com.calroute.sync.flow;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.config.SyncConfig;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.schedule.SyncEngine;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.Topics;
import com.calroute.sync.testsupport.Via;
import com.calroute.testing.kafka.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hand-over on the real broker and simulator (#14, the restart): another member joins the users.v1 group and takes
 * some partitions, so the service stops syncing their users; Exchange changes while nobody syncs them; the member
 * leaves and the partitions come back. A mailbox whose calendar is on the topic is read at once — the change made
 * meanwhile is on calroute.calendar.v1 while its new subscription is still being made — and a change made after that
 * read but before the subscription is in place (so no notification can carry it) still arrives. Subscriptions are
 * slowed by the simulator's per-operation latency so the order is certain.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class HandOverTest {

    private static final Duration SUBSCRIBE_LATENCY = Duration.ofSeconds(8);

    @Inject
    SyncEngine engine;

    @Inject
    SyncConfig config;

    @Test
    void aMailboxTakenOverIsReadWithoutWaitingForItsSubscriptionAndAChangeBeforeTheSubscriptionIsNotLost()
            throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        int partitions = config.kafka().partitions();
        // Two tenants, each with one user in every users.v1 partition, so whichever partitions move, each has one.
        // In the second, the early read is refused busy once: it runs after the subscriptions have begun.
        Map<Integer, String> plain = enrol(sim, "handover", partitions);
        Map<Integer, String> busy = enrol(sim, "handover-busy", partitions);

        try (CalendarWatcher watcher = new CalendarWatcher()) {
            for (String key : concat(plain.values(), busy.values())) {
                watcher.await(key, 0, s -> !s.tombstone() && s.message().items().size() == 1, Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(30)).until(() -> !sim.control()
                        .requests(null, mailboxOf(key), "Subscribe").isEmpty());
            }

            String plainKey;
            String busyKey;
            Instant released;
            int plainSeen;
            int busySeen;
            try (GroupRival rival = new GroupRival(config.kafka().consumerGroup())) {
                Set<Integer> moved = rival.awaitPartitions();
                int partition = moved.iterator().next();
                plainKey = plain.get(partition);
                busyKey = busy.get(partition);
                await().atMost(Duration.ofSeconds(20)).until(() -> !engine.tenant(tenantOf(plainKey)).owns(plainKey)
                        && !engine.tenant(tenantOf(busyKey)).owns(busyKey));
                released = Instant.now();

                // Nobody syncs them now: these changes are what a restart must not keep from routing.
                for (String key : List.of(plainKey, busyKey)) {
                    sim.control().createAppointment(mailboxOf(key),
                            Simulators.startingIn("Made while down", "PT4H", "PT1H", "Normal"));
                    sim.control().addFault(Map.of("mailbox", mailboxOf(key), "operation", "Subscribe",
                            "kind", "LATENCY", "latencyMs", SUBSCRIBE_LATENCY.toMillis(), "count", 1));
                }
                sim.control().addFault(Map.of("mailbox", mailboxOf(busyKey), "operation", "FindItem",
                        "kind", "SERVER_BUSY", "backOffMs", 4_000, "count", 1));
                plainSeen = watcher.of(plainKey).size();
                busySeen = watcher.of(busyKey).size();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.tenant(tenantOf(plainKey)).owns(plainKey));
            Instant handedBack = Instant.now();

            // Read at once: on the topic while its new subscription is still being made.
            CalendarWatcher.Seen early = watcher.await(plainKey, plainSeen,
                    s -> !s.tombstone() && s.message().items().size() == 2, Duration.ofSeconds(6));
            assertThat(subscribesSince(sim, plainKey, released)).as("subscriptions answered before the early read")
                    .isZero();
            System.out.printf("hand-over: the change made while down was on the topic %d ms after the hand-back%n",
                    Duration.between(handedBack, early.arrivedAt()).toMillis());
            // Made after that read, before the subscription exists: no notification can carry it.
            sim.control().createAppointment(mailboxOf(plainKey),
                    Simulators.startingIn("Made before the subscription", "PT6H", "PT1H", "Normal"));
            assertThat(subscribesSince(sim, plainKey, released)).isZero();

            // The same where the early read itself had to wait (Exchange busy) and so started while the group was
            // already subscribing: only "subscribed as of the last subscription in place" asks for the read that
            // finds the change.
            CalendarWatcher.Seen late = watcher.await(busyKey, busySeen,
                    s -> !s.tombstone() && s.message().items().size() == 2, Duration.ofSeconds(20));
            assertThat(subscribesSince(sim, busyKey, released)).as("subscriptions answered before the busy read")
                    .isZero();
            sim.control().createAppointment(mailboxOf(busyKey),
                    Simulators.startingIn("Made before the subscription", "PT6H", "PT1H", "Normal"));
            assertThat(subscribesSince(sim, busyKey, released)).isZero();

            CalendarWatcher.Seen caught = watcher.await(plainKey, plainSeen,
                    s -> !s.tombstone() && s.message().items().size() == 3, Duration.ofSeconds(30));
            assertThat(caught.message().version()).isGreaterThan(early.message().version());
            assertThat(subscribesSince(sim, plainKey, released)).isPositive();
            CalendarWatcher.Seen busyCaught = watcher.await(busyKey, busySeen,
                    s -> !s.tombstone() && s.message().items().size() == 3, Duration.ofSeconds(30));
            assertThat(busyCaught.message().version()).isGreaterThan(late.message().version());
            assertThat(subscribesSince(sim, busyKey, released)).isPositive();
            assertThat(watcher.invalid()).isEmpty();
        }
    }

    /** One user per users.v1 partition of the tenant, each enrolled with one appointment; key by partition. */
    private static Map<Integer, String> enrol(EwsSimulator sim, String base, int partitions) {
        String tenant = Via.EWS.tenant(base);
        FakeIdentityAndConfig.instance().putConnection(Via.EWS.ownAccount(tenant, "svc-" + base));
        Topics.tenant(tenant, false, 1, 1);
        Map<Integer, String> keyByPartition = new TreeMap<>();
        for (int i = 0; keyByPartition.size() < partitions; i++) {
            String key = com.calroute.contracts.Topics.userKey(tenant, "u" + i);
            keyByPartition.putIfAbsent(CalendarLedger.usersPartitionOf(key, partitions), key);
        }
        for (String key : keyByPartition.values()) {
            String mailbox = mailboxOf(key);
            Simulators.mailbox(sim, mailbox);
            sim.control().createAppointment(mailbox, Simulators.startingIn("Before", "PT2H", "PT1H", "Normal"));
            Topics.user(tenant, com.calroute.contracts.Topics.userOf(key), mailbox, true, 1);
        }
        return keyByPartition;
    }

    private static String mailboxOf(String key) {
        return com.calroute.contracts.Topics.userOf(key) + "@" + tenantOf(key) + ".example";
    }

    private static String tenantOf(String key) {
        return com.calroute.contracts.Topics.tenantOf(key);
    }

    /** Subscribe requests for the key's mailbox that arrived after {@code after} and were answered. */
    private static long subscribesSince(EwsSimulator sim, String key, Instant after) {
        return sim.control().requests(null, mailboxOf(key), "Subscribe").stream()
                .filter(entry -> entry.at().isAfter(after)).count();
    }

    private static List<String> concat(Collection<String> first, Collection<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    /**
     * Another member of the service's users.v1 group, as a second replica would be: while it is in the group it holds
     * some partitions (the cooperative sticky assignor moves them from the service); closing it leaves the group and
     * hands them back.
     */
    private static final class GroupRival implements AutoCloseable {

        private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        GroupRival(String groupId) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
            properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
            properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "hand-over-test-rival");
            consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
            thread = new Thread(this::run, "hand-over-test-rival");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                consumer.subscribe(List.of(com.calroute.contracts.Topics.USERS), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        partitions.forEach(partition -> assigned.remove(partition.partition()));
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        partitions.forEach(partition -> assigned.add(partition.partition()));
                    }
                });
                while (running) {
                    consumer.poll(Duration.ofMillis(100));
                }
            } catch (WakeupException e) {
                // close() woke us up.
            } finally {
                // Leaving the group hands the partitions back.
                consumer.close(Duration.ofSeconds(10));
            }
        }

        /** The partitions it holds once the group gave it some (the service released them first). */
        Set<Integer> awaitPartitions() {
            await().atMost(Duration.ofSeconds(30)).until(() -> !assigned.isEmpty());
            return Set.copyOf(assigned);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(15_000);
        }
    }
}
