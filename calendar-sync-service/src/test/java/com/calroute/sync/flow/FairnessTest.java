package com.calroute.sync.flow;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.testsupport.Blackhole;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.Topics;
import com.calroute.sync.testsupport.Via;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three tenants on one service: one whose Exchange never answers, one enrolling 1,500 users at once on a slow
 * Exchange, and a quiet one. The quiet tenant's change and its new user's first calendar arrive within the bar
 * while the other two keep the service busy — the workers are shared fairly, live changes first, and the users
 * topic is absorbed without waiting for mailbox work. Timeouts are generous; the bars are asserted on the
 * measured times.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class FairnessTest {

    private static final int BULK_USERS = 1_500;

    @Test
    void aSlowTenantAndABulkTenantDoNotDelayAThirdTenantsChange() throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        String quiet = "fair-quiet";
        String bulk = "fair-bulk";
        String slow = "fair-slow";
        String quietMailbox = "kari@fair-quiet.example";
        String newcomerMailbox = "ola@fair-quiet.example";
        Simulators.mailbox(sim, quietMailbox);
        Simulators.mailbox(sim, newcomerMailbox);
        for (int i = 0; i < BULK_USERS; i++) {
            Simulators.mailbox(sim, "u" + i + "@fair-bulk.example");
        }
        FakeIdentityAndConfig.instance().putConnection(Via.EWS.ownAccount(quiet, "svc-fair-quiet"));
        FakeIdentityAndConfig.instance().putConnection(Via.EWS.ownAccount(bulk, "svc-fair-bulk"));
        FakeIdentityAndConfig.instance().putConnection(Via.EWS.toBlackhole(slow));
        // Every request of the bulk tenant's Exchange takes 100 ms: its enrolment keeps workers busy for a while.
        long slowBulk = sim.control().addFault(Map.of("account", "svc-fair-bulk", "kind", "LATENCY", "latencyMs", 100,
                "count", 1_000_000));
        Topics.tenant(quiet, false, 1, 1);
        Topics.tenant(bulk, false, 1, 1);
        Topics.tenant(slow, false, 1, 1);
        try (CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user(quiet, "kari", quietMailbox, true, 1);
            watcher.await(quiet + "/kari", 0, s -> !s.tombstone(), Duration.ofSeconds(60));
            Thread.sleep(1_500);

            for (int i = 0; i < 10; i++) {
                Topics.userAsync(slow, "s" + i, "s" + i + "@fair-slow.example", true, 1);
            }
            for (int i = 0; i < BULK_USERS; i++) {
                Topics.userAsync(bulk, "u" + i, "u" + i + "@fair-bulk.example", true, 1);
            }
            // Wait until the bulk tenant's reads are under way, then change the quiet tenant's calendar and opt in
            // one more of its users.
            watcher.await(bulk + "/u0", 0, s -> !s.tombstone(), Duration.ofSeconds(60));
            Instant changed = Instant.now();
            sim.control().createAppointment(quietMailbox, Simulators.startingIn("x", "PT2H", "PT1H", "Normal"));
            Topics.user(quiet, "ola", newcomerMailbox, true, 1);

            CalendarWatcher.Seen change = watcher.await(quiet + "/kari", 0,
                    s -> !s.tombstone() && s.message().items().size() == 1, Duration.ofSeconds(60));
            CalendarWatcher.Seen first = watcher.await(quiet + "/ola", 0, s -> !s.tombstone(), Duration.ofSeconds(60));
            long changeMs = Duration.between(changed, change.arrivedAt()).toMillis();
            long firstMs = Duration.between(changed, first.arrivedAt()).toMillis();
            long bulkDone = watcher.all().stream().filter(r -> r.key().startsWith(bulk + "/")).map(r -> r.key())
                    .distinct().count();
            System.out.printf("fairness: quiet tenant's change %d ms, its new user's first calendar %d ms, while %d of"
                    + " %d bulk users were synced and the slow tenant hangs%n", changeMs, firstMs, bulkDone, BULK_USERS);
            assertThat(bulkDone).as("the bulk tenant was still enrolling").isLessThan(BULK_USERS);
            assertThat(changeMs).as("change -> calendar.v1 (bar: 5 s)").isLessThan(5_000);
            assertThat(firstMs).as("a new user's first calendar (bar: 30 s; streaming first-read wait 10 s)")
                    .isLessThan(15_000);
            assertThat(Blackhole.get().accepted()).isGreaterThan(0);
        } finally {
            sim.control().removeFault(slowBulk);
        }
    }
}
