package com.calroute.sync.flow;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.RequestLog;
import com.calroute.sync.testsupport.Blackhole;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exchange throttling and a broken neighbour: ErrorServerBusy makes the tenant wait at least BackOffMilliseconds;
 * concurrency per service account never exceeds the cap (20); a second tenant whose Exchange accepts connections
 * but never answers does not delay the first.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class ThrottlingAndBulkheadTest {

    private static final String BUSY = "busy";
    private static final String DOWN = "down";
    private static final String BUSY_ACCOUNT = "svc-busy";
    private static final int MAILBOXES = 40;
    private static final long BACK_OFF_MS = 1500;

    @Test
    void backsOffCapsConcurrencyAndIsolatesTenants() throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        Simulators.account(sim, BUSY_ACCOUNT, Simulators.PASSWORD, true);
        for (int i = 0; i < MAILBOXES + 1; i++) {
            String mailbox = "m" + i + "@busy.example";
            Simulators.mailbox(sim, mailbox);
            sim.control().createAppointment(mailbox, Simulators.startingIn("Work " + i, "PT2H", "PT1H", "Normal"));
        }
        FakeIdentityAndConfig.instance().putConnection(Simulators.connection(BUSY, sim.httpEwsUrl(), BUSY_ACCOUNT,
                Simulators.PASSWORD, 1, null));
        FakeIdentityAndConfig.instance().putConnection(Simulators.connection(DOWN, Blackhole.get().ewsUrl(),
                "svc-down", "pw", 1, null));
        Topics.tenant(BUSY, false, 1, 1);
        Topics.tenant(DOWN, false, 1, 1);
        long latencyFault = sim.control().addFault(Map.of("account", BUSY_ACCOUNT, "kind", "LATENCY", "latencyMs", 150,
                "count", 100_000));
        sim.control().addFault(Map.of("account", BUSY_ACCOUNT, "kind", "SERVER_BUSY", "backOffMs", BACK_OFF_MS,
                "count", 1));
        try (CalendarWatcher watcher = new CalendarWatcher()) {
            // The broken tenant first, so its workers are already stuck when the healthy one starts.
            for (int i = 0; i < 10; i++) {
                Topics.user(DOWN, "d" + i, "d" + i + "@down.example", true, 1);
            }
            Instant enrolled = Instant.now();
            for (int i = 0; i < MAILBOXES; i++) {
                Topics.user(BUSY, "b" + i, "m" + i + "@busy.example", true, 1);
            }
            for (int i = 0; i < MAILBOXES; i++) {
                watcher.await(BUSY + "/b" + i, 0, s -> !s.tombstone() && s.message().items().size() == 1,
                        Duration.ofSeconds(60));
            }
            System.out.printf("%d mailboxes of the throttled tenant synced in %d ms (one ErrorServerBusy of %d ms)%n",
                    MAILBOXES, Duration.between(enrolled, Instant.now()).toMillis(), BACK_OFF_MS);

            List<RequestLog.Entry> requests = sim.control().requests(BUSY_ACCOUNT, null, null).stream()
                    .sorted(Comparator.comparing(RequestLog.Entry::at)).toList();
            RequestLog.Entry busy = requests.stream().filter(r -> "ErrorServerBusy".equals(r.responseCode()))
                    .findFirst().orElseThrow(() -> new AssertionError("the simulator answered no ErrorServerBusy"));
            // Requests already on the wire when the fault was answered may still arrive; none may start later
            // than that until the back-off is over.
            Instant quietFrom = busy.at().plusMillis(busy.durationMs() + 100);
            Instant quietUntil = busy.at().plusMillis(BACK_OFF_MS);
            List<RequestLog.Entry> tooEarly = requests.stream()
                    .filter(r -> r.at().isAfter(quietFrom) && r.at().isBefore(quietUntil)).toList();
            assertThat(tooEarly).as("requests during Exchange's back-off").isEmpty();
            Instant resumed = requests.stream().map(RequestLog.Entry::at).filter(at -> at.isAfter(busy.at().plusMillis(
                    busy.durationMs() + 100))).findFirst().orElseThrow();
            System.out.printf("ErrorServerBusy at %s asked for %d ms; next request after %d ms%n", busy.at(),
                    BACK_OFF_MS, Duration.between(busy.at(), resumed).toMillis());

            @SuppressWarnings("unchecked")
            Map<String, Object> stats = sim.control().stats().entrySet().stream()
                    .filter(e -> e.getKey().toLowerCase().contains(BUSY_ACCOUNT)).findFirst().orElseThrow().getValue();
            int maxConcurrent = ((Number) stats.get("maxConcurrentObserved")).intValue();
            System.out.printf("max concurrent requests observed for %s: %d (cap 20)%n", BUSY_ACCOUNT, maxConcurrent);
            assertThat(maxConcurrent).isBetween(2, 20);

            // The broken tenant is still stuck (its requests hang until the read time-out) ...
            assertThat(Blackhole.get().accepted()).isGreaterThan(0);
            // ... and a new user of the healthy tenant is synced at once regardless.
            sim.control().removeFault(latencyFault);
            Instant probe = Instant.now();
            Topics.user(BUSY, "b-probe", "m" + MAILBOXES + "@busy.example", true, 1);
            CalendarWatcher.Seen seen = watcher.await(BUSY + "/b-probe", 0, s -> !s.tombstone(), Duration.ofSeconds(20));
            long probeMs = Duration.between(probe, seen.arrivedAt()).toMillis();
            System.out.printf("healthy tenant's new user synced in %d ms while the other tenant's Exchange hangs%n",
                    probeMs);
            assertThat(probeMs).isLessThan(5_000);
            assertThat(watcher.all()).noneMatch(record -> record.key().startsWith(DOWN + "/"));
        }
    }
}
