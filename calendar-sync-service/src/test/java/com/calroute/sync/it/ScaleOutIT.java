package com.calroute.sync.it;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.testsupport.AppProcess;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.PackagedApps;
import com.calroute.sync.testsupport.PartitionOwnership;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.Topics;
import org.awaitility.Awaitility;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged instances in one consumer group share 1,000 mailboxes (12 partitions): every mailbox is synced by
 * exactly one of them — one version-1 snapshot per key, disjoint partition ownership — and when one is stopped
 * (SIGTERM) the other takes its mailboxes over, resuming versions from the topic, and streams their changes.
 * Black-box: real processes, real broker, real PostgreSQL, the simulator, the local OIDC issuer.
 */
class ScaleOutIT {

    private static final String TENANT = "scale";
    private static final int MAILBOXES = 1000;
    private static final int PARTITIONS = 12;
    private static final String CANARY = "CANARY-scaleout-private";
    private static EwsSimulator sim;
    private static Map<String, String> settings;

    @BeforeAll
    static void setUp() throws Exception {
        sim = Simulators.start("Exchange2016");
        sim.control().updateServer(Map.of("heartbeatSeconds", 1));
        Simulators.account(sim, Simulators.ACCOUNT, Simulators.PASSWORD, true);
        for (int i = 0; i < MAILBOXES; i++) {
            String mailbox = mailbox(i);
            Simulators.mailbox(sim, mailbox);
            sim.control().createAppointment(mailbox, Simulators.startingIn(i % 100 == 0 ? CANARY : "Work",
                    "PT" + (2 + i % 20) + "H", "PT1H", i % 100 == 0 ? "Private" : "Normal"));
        }
        FakeIdentityAndConfig identity = FakeIdentityAndConfig.instance();
        identity.putConnection(Simulators.httpConnection(TENANT, sim, 1));
        PackagedApps.ensureTopics(PARTITIONS);
        settings = PackagedApps.settings("calroute_sync_it", identity, sim, PARTITIONS);
        Topics.tenant(TENANT, true, 1, 1);
    }

    @AfterAll
    static void tearDown() {
        sim.close();
    }

    private static String mailbox(int i) {
        return String.format("user%04d@scale.example", i);
    }

    private static String key(int i) {
        return TENANT + "/u" + i;
    }

    @Test
    void twoInstancesShareMailboxesAndHandThemOver() throws Exception {
        try (CalendarWatcher watcher = new CalendarWatcher();
             AppProcess a = AppProcess.start("sync-a", settings);
             AppProcess b = AppProcess.start("sync-b", settings)) {
            int portA = a.httpPort(Duration.ofSeconds(90));
            int portB = b.httpPort(Duration.ofSeconds(90));
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
            System.out.printf("%d mailboxes synced by two instances in %d ms%n", MAILBOXES,
                    Duration.between(enrolled, Instant.now()).toMillis());
            // Exactly one instance synced each mailbox: one version 1 per key, and still so 3 s later. A later version
            // is only the poller's news of a mailbox's working hours or automatic replies, never a second read.
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
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
            System.out.printf("partitions owned: A=%s B=%s%n", ownedByA, ownedByB);
            assertThat(ownedByA).isNotEmpty().doesNotContainAnyElementsOf(ownedByB);
            assertThat(ownedByB).isNotEmpty();
            Set<Integer> union = new TreeSet<>(ownedByA);
            union.addAll(ownedByB);
            assertThat(union).hasSize(PARTITIONS);
            assertThat(ready(portA)).isEqualTo(200);
            assertThat(ready(portB)).isEqualTo(200);

            // Stop A: B takes over A's mailboxes and streams their changes.
            List<Integer> ofA = new ArrayList<>();
            for (int i = 0; i < MAILBOXES && ofA.size() < 20; i++) {
                if (ownedByA.contains(CalendarLedger.usersPartitionOf(key(i), PARTITIONS))) {
                    ofA.add(i);
                }
            }
            Instant stopping = Instant.now();
            a.signalStop();
            // SIGTERM manners: readiness drops first, while A still serves and syncs.
            long readyDown = -1;
            while (Duration.between(stopping, Instant.now()).toSeconds() < 5) {
                int status;
                try {
                    status = ready(portA);
                } catch (java.io.IOException gone) {
                    break;
                }
                if (status == 503) {
                    readyDown = Duration.between(stopping, Instant.now()).toMillis();
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(readyDown).as("A's readiness went DOWN after SIGTERM while it was still up").isNotNegative();
            int exit = a.awaitExit(Duration.ofSeconds(60));
            System.out.printf("instance A: readiness DOWN %d ms after SIGTERM, stopped (exit %d) after %d ms%n", readyDown,
                    exit, Duration.between(stopping, Instant.now()).toMillis());
            b.awaitLog("owning users partition " + ownedByA.iterator().next() + " ", Duration.ofSeconds(60));
            for (int partition : ownedByA) {
                b.awaitLog("owning users partition " + partition + " ", Duration.ofSeconds(60));
            }
            System.out.printf("instance B owns A's partitions %d ms after A was told to stop%n",
                    Duration.between(stopping, Instant.now()).toMillis());
            await(b, ofA, stopping);
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
            System.out.printf("changes in taken-over mailboxes reached Kafka after (ms): %s%n", latencies);

            assertThat(watcher.invalid()).isEmpty();
            assertThat(watcher.all()).allSatisfy(r -> assertThat(String.valueOf(r.json())).doesNotContain("CANARY"));
            assertThat(a.log() + b.log()).doesNotContain("CANARY").doesNotContain(Simulators.PASSWORD);
        }
    }

    /** Waits until B streams the taken-over mailboxes (its streaming groups re-plan right after the hand-over). */
    private static void await(AppProcess b, List<Integer> mailboxes, Instant handOver) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Set<String> wanted = new HashSet<>();
        mailboxes.forEach(i -> wanted.add(mailbox(i)));
        while (System.nanoTime() < deadline) {
            // Only subscriptions made since the hand-over are B's: A's own, from the initial sync, do not count.
            Set<String> subscribed = new HashSet<>();
            sim.control().requests(null, null, "Subscribe").stream()
                    .filter(r -> r.at().isAfter(handOver) && "NoError".equals(r.responseCode()))
                    .forEach(r -> subscribed.add(String.valueOf(r.impersonated()).toLowerCase()));
            if (subscribed.containsAll(wanted)) {
                Thread.sleep(1000);
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("B did not subscribe to the taken-over mailboxes within 60 s");
    }


    private static int ready(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
