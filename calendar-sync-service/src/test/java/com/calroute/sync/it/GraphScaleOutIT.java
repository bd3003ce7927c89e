package com.calroute.sync.it;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.ControlJson;
import com.calroute.ewssim.graph.GraphApp;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.testsupport.AppProcess;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.PackagedApps;
import com.calroute.sync.testsupport.PartitionOwnership;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.Topics;
import com.calroute.testing.kafka.TestKafka;
import com.calroute.testing.net.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ScaleOutIT for a Graph tenant: two packaged instances in one consumer group (12 partitions) share 1,000 mailboxes
 * read over Microsoft Graph, each mailbox synced by exactly one; when one instance stops, the other takes its
 * partitions, subscribes to change notifications for the taken-over mailboxes and delivers their changes by push
 * (the safety poll is 10 minutes). Private subjects and the client secret appear in no message or log.
 */
class GraphScaleOutIT {
    private static final String TENANT = "gscale";
    private static final int MAILBOXES = 1000;
    private static final int PARTITIONS = 12;
    private static final String CANARY = "CANARY-graph-scaleout-private";
    private static final String ENTRA = "9a1c2f4e-8a0b-4c55-9d1e-1a2b3c4d5e6f";
    private static final String APP = "3b5d0c4e-3f2a-4a1b-8c9d-112233445566";
    private static final String SECRET = "graph-scale-secret-value";
    private static EwsSimulator sim;
    private static Map<String, String> settings;

    @BeforeAll
    static void setUp() throws Exception {
        sim = Simulators.start("Exchange2016");
        sim.graph().putApp(new GraphApp(APP, ENTRA, SECRET, List.of("Calendars.Read"), List.of("*"), 3599));
        for (int i = 0; i < MAILBOXES; i++) {
            String mailbox = mailbox(i);
            Simulators.mailbox(sim, mailbox);
            sim.control().createAppointment(mailbox, Simulators.startingIn(i % 50 == 0 ? CANARY : "Work",
                    "PT" + (2 + i % 20) + "H", "PT1H", i % 50 == 0 ? "Private" : "Normal"));
        }
        String base = "http://" + Simulators.hostPort(sim.httpEwsUrl());
        FakeIdentityAndConfig identity = FakeIdentityAndConfig.instance();
        identity.putConnection(new ExchangeConnection(TENANT, ConnectionKind.GRAPH, 1, null, null, null, null, null,
                ENTRA, APP, SECRET, null, base, base, null));
        PackagedApps.ensureTopics(PARTITIONS);
        try (Admin client = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            assertThat(client.describeTopics(List.of(com.calroute.contracts.Topics.USERS)).allTopicNames().get()
                    .get(com.calroute.contracts.Topics.USERS).partitions()).hasSize(PARTITIONS);
        }
        settings = PackagedApps.settings("calroute_sync_graph_it", identity, sim, PARTITIONS);
        settings.put("calroute.kafka.consumer-group", "calroute-calendar-sync-graph-it");
        Topics.tenant(TENANT, true, 1, 1);
    }

    @AfterAll
    static void tearDown() {
        sim.close();
    }

    private static String mailbox(int i) {
        return String.format("user%04d@gscale.example", i);
    }

    private static String key(int i) {
        return TENANT + "/u" + i;
    }

    private static Map<String, String> instance(int port) {
        Map<String, String> own = new HashMap<>(settings);
        own.put("quarkus.http.port", Integer.toString(port));
        own.put("calroute.graph.notification-url", "http://127.0.0.1:" + port + "/graph/v1/notifications");
        return own;
    }

    @Test
    void twoInstancesShareGraphMailboxesAndTheSurvivorTakesOverTheirNotifications() throws Exception {
        int portA = FreePorts.any();
        int portB = FreePorts.any();
        try (CalendarWatcher watcher = new CalendarWatcher();
             AppProcess a = AppProcess.start("graph-sync-a", instance(portA));
             AppProcess b = AppProcess.start("graph-sync-b", instance(portB))) {
            a.httpPort(Duration.ofSeconds(90));
            b.httpPort(Duration.ofSeconds(90));
            PartitionOwnership.awaitShared(a, b, PARTITIONS, Duration.ofSeconds(60));
            // Partitions that move from here on (a session expired on a starved machine) would let both sync a mailbox.
            List<String> settledA = PartitionOwnership.departures(a.log());
            List<String> settledB = PartitionOwnership.departures(b.log());
            Instant enrolled = Instant.now();
            for (int i = 0; i < MAILBOXES; i++) {
                Topics.userAsync(TENANT, "u" + i, mailbox(i), true, 1);
            }
            Topics.flush();
            for (int i = 0; i < MAILBOXES; i++) {
                watcher.await(key(i), 0, s -> !s.tombstone(), Duration.ofSeconds(180));
            }
            System.out.printf("%d Graph mailboxes synced by two instances in %d ms%n", MAILBOXES,
                    Duration.between(enrolled, Instant.now()).toMillis());
            // Exactly one instance synced each mailbox: one version 1 per key, and still so 3 s later. A later version
            // is only the poller's news of a mailbox's working hours or automatic replies, never a second read.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                List<String> departedA = PartitionOwnership.departures(a.log());
                assertThat(departedA).as("A's partitions moved: %s", departedA).isEqualTo(settledA);
                List<String> departedB = PartitionOwnership.departures(b.log());
                assertThat(departedB).as("B's partitions moved: %s", departedB).isEqualTo(settledB);
                for (int i = 0; i < MAILBOXES; i++) {
                    watcher.assertReadOnceAndUnchanged(key(i));
                }
            });
            System.out.printf("%d mailboxes had news of their working hours or automatic replies meanwhile%n",
                    IntStream.range(0, MAILBOXES).filter(i -> watcher.of(key(i)).size() > 1).count());
            Set<Integer> ownedByA = PartitionOwnership.owned(a.log());
            Set<Integer> ownedByB = PartitionOwnership.owned(b.log());
            assertThat(ownedByA).isNotEmpty().doesNotContainAnyElementsOf(ownedByB);
            assertThat(ownedByB).isNotEmpty();
            Set<Integer> union = new TreeSet<>(ownedByA);
            union.addAll(ownedByB);
            assertThat(union).hasSize(PARTITIONS);

            List<Integer> ofA = new ArrayList<>();
            for (int i = 0; i < MAILBOXES && ofA.size() < 10; i++) {
                if (ownedByA.contains(CalendarLedger.usersPartitionOf(key(i), PARTITIONS))) {
                    ofA.add(i);
                }
            }
            Instant stopping = Instant.now();
            a.signalStop();
            a.awaitExit(Duration.ofSeconds(60));
            for (int partition : ownedByA) {
                b.awaitLog("owning users partition " + partition + " ", Duration.ofSeconds(60));
            }
            awaitSubscribedAt(portB, ofA);
            System.out.printf("instance B subscribed to A's mailboxes %d ms after A was told to stop%n",
                    Duration.between(stopping, Instant.now()).toMillis());
            List<Long> latencies = new ArrayList<>();
            for (int i : ofA) {
                int before = watcher.of(key(i)).size();
                Instant changed = Instant.now();
                sim.control().createAppointment(mailbox(i), Simulators.startingIn("After hand-over", "PT30H", "PT1H", "Normal"));
                CalendarWatcher.Seen seen = watcher.await(key(i), before, s -> !s.tombstone()
                        && s.message().items().size() == 2, Duration.ofSeconds(60));
                // B resumed A's versions: none repeats across the hand-over.
                watcher.assertOneHistory(key(i));
                latencies.add(Duration.between(changed, seen.arrivedAt()).toMillis());
            }
            System.out.printf("Graph changes in taken-over mailboxes reached Kafka by push after (ms): %s%n", latencies);
            assertThat(watcher.invalid()).isEmpty();
            assertThat(watcher.all()).allSatisfy(r -> assertThat(String.valueOf(r.json())).doesNotContain("CANARY"));
            assertThat(a.log() + b.log()).doesNotContain("CANARY").doesNotContain(SECRET);
        }
    }

    /** Waits until the simulator holds a subscription for each mailbox that notifies the instance on {@code port}. */
    private static void awaitSubscribedAt(int port, List<Integer> mailboxes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> wanted = new HashSet<>();
        mailboxes.forEach(i -> wanted.add(mailbox(i)));
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sim.controlUrl() + "/graph/subscriptions")).build(), HttpResponse.BodyHandlers.ofString());
            Set<String> subscribed = new HashSet<>();
            for (JsonNode subscription : ControlJson.MAPPER.readTree(response.body())) {
                if (subscription.path("notificationUrl").asText().contains(":" + port + "/")) {
                    subscribed.add(subscription.path("mailbox").asText());
                }
            }
            if (subscribed.containsAll(wanted)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the surviving instance did not subscribe to the taken-over mailboxes within 60 s");
    }

}
