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
import com.calroute.sync.testsupport.Via;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exchange throttling and a broken neighbour, over EWS and over Graph: the service waits at least the back-off
 * Exchange asks for (EWS: {@code ErrorServerBusy}'s BackOffMilliseconds, for the whole service account; Graph: a
 * 429's Retry-After, for the mailbox it was answered for); requests in flight per service account never exceed the
 * cap (20); a second tenant whose Exchange accepts connections but never answers does not delay the first.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class ThrottlingAndBulkheadTest {

    private static final int MAILBOXES = 40;
    private static final long BACK_OFF_MS = 1500;

    @ParameterizedTest
    @EnumSource(Via.class)
    void backsOffCapsConcurrencyAndIsolatesTenants(Via via) throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        String busyTenant = via.tenant("busy");
        String downTenant = via.tenant("down");
        String account = via.account("svc-busy-" + via.name().toLowerCase());
        for (int i = 0; i < MAILBOXES + 1; i++) {
            String mailbox = via.mailbox("m" + i + "@busy.example");
            Simulators.mailbox(sim, mailbox);
            sim.control().createAppointment(mailbox, Simulators.startingIn("Work " + i, "PT2H", "PT1H", "Normal"));
        }
        FakeIdentityAndConfig.instance().putConnection(via.ownAccount(busyTenant, "svc-busy-" + via.name().toLowerCase()));
        FakeIdentityAndConfig.instance().putConnection(via.toBlackhole(downTenant));
        Topics.tenant(busyTenant, false, 1, 1);
        Topics.tenant(downTenant, false, 1, 1);
        long latencyFault = sim.control().addFault(Map.of("account", account, "kind", "LATENCY", "latencyMs", 150,
                "count", 100_000));
        Map<String, Object> throttle = new java.util.HashMap<>(Map.of("account", account, "kind", via.throttleFault(),
                "backOffMs", BACK_OFF_MS, "count", 1));
        if (via == Via.GRAPH) {
            // Graph throttles per app and mailbox: the 429 answers one mailbox's calendar read.
            throttle.put("mailbox", via.mailbox("m0@busy.example"));
        }
        sim.control().addFault(throttle);
        try (CalendarWatcher watcher = new CalendarWatcher()) {
            // The broken tenant first, so its workers are already stuck when the healthy one starts.
            for (int i = 0; i < 10; i++) {
                Topics.user(downTenant, "d" + i, "d" + i + "@down.example", true, 1);
            }
            Instant enrolled = Instant.now();
            for (int i = 0; i < MAILBOXES; i++) {
                Topics.user(busyTenant, "b" + i, via.mailbox("m" + i + "@busy.example"), true, 1);
            }
            for (int i = 0; i < MAILBOXES; i++) {
                watcher.await(busyTenant + "/b" + i, 0, s -> !s.tombstone() && s.message().items().size() == 1,
                        Duration.ofSeconds(60));
            }
            System.out.printf("%s: %d mailboxes of the throttled tenant synced in %d ms (one %s of %d ms)%n", via,
                    MAILBOXES, Duration.between(enrolled, Instant.now()).toMillis(), via.throttledCode(), BACK_OFF_MS);

            List<RequestLog.Entry> requests = sim.control().requests(account, null, null).stream()
                    .sorted(Comparator.comparing(RequestLog.Entry::at)).toList();
            RequestLog.Entry busy = requests.stream().filter(r -> via.throttledCode().equals(r.responseCode()))
                    .findFirst().orElseThrow(() -> new AssertionError("the simulator answered no " + via.throttledCode()));
            // EWS's back-off is for the whole account; Graph's Retry-After for the mailbox it was answered for.
            List<RequestLog.Entry> bound = via == Via.EWS ? requests : requests.stream()
                    .filter(r -> busy.impersonated().equals(r.impersonated())).toList();
            // Requests already on the wire when the fault was answered may still arrive; none may start later
            // than that until the back-off is over.
            Instant quietFrom = busy.at().plusMillis(busy.durationMs() + 100);
            Instant quietUntil = busy.at().plusMillis(BACK_OFF_MS);
            List<RequestLog.Entry> tooEarly = bound.stream()
                    .filter(r -> r.at().isAfter(quietFrom) && r.at().isBefore(quietUntil)).toList();
            assertThat(tooEarly).as("requests during Exchange's back-off").isEmpty();
            Instant resumed = bound.stream().map(RequestLog.Entry::at).filter(at -> at.isAfter(quietFrom))
                    .findFirst().orElseThrow();
            System.out.printf("%s at %s asked for %d ms; next request in its scope after %d ms%n", via.throttledCode(),
                    busy.at(), BACK_OFF_MS, Duration.between(busy.at(), resumed).toMillis());

            int maxConcurrent = maxConcurrent(sim, via, account);
            System.out.printf("max concurrent requests observed for %s: %d (cap 20)%n", account, maxConcurrent);
            assertThat(maxConcurrent).isBetween(2, 20);

            // The broken tenant is still stuck (its requests hang until the read time-out) ...
            assertThat(Blackhole.get().accepted()).isGreaterThan(0);
            // ... and a new user of the healthy tenant is synced at once regardless.
            sim.control().removeFault(latencyFault);
            Instant probe = Instant.now();
            Topics.user(busyTenant, "b-probe", via.mailbox("m" + MAILBOXES + "@busy.example"), true, 1);
            CalendarWatcher.Seen seen = watcher.await(busyTenant + "/b-probe", 0, s -> !s.tombstone(),
                    Duration.ofSeconds(20));
            long probeMs = Duration.between(probe, seen.arrivedAt()).toMillis();
            System.out.printf("%s: healthy tenant's new user synced in %d ms while the other tenant's Exchange hangs%n",
                    via, probeMs);
            assertThat(probeMs).isLessThan(5_000);
            assertThat(watcher.all()).noneMatch(record -> record.key().startsWith(downTenant + "/"));
        }
    }

    @SuppressWarnings("unchecked")
    private static int maxConcurrent(EwsSimulator sim, Via via, String account) {
        Map<String, Object> stats = via == Via.EWS
                ? sim.control().stats().entrySet().stream().filter(e -> e.getKey().toLowerCase().contains(account))
                        .findFirst().orElseThrow().getValue()
                : (Map<String, Object>) ((Map<String, Object>) sim.graph().stats().get("apps")).get(account);
        return ((Number) stats.get("maxConcurrentObserved")).intValue();
    }
}
