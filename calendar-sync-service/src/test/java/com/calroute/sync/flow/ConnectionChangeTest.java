package com.calroute.sync.flow;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Topics;
import com.calroute.sync.testsupport.Via;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new connectionVersion on calroute.tenants.v1 makes sync re-fetch the connection (within 30 s) and use it —
 * also when a live tenant moves from EWS to Microsoft Graph (its Exchange moved to Exchange Online).
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class ConnectionChangeTest {

    private static final String TENANT = "rotate";

    @Inject
    SyncHealthStore health;

    @Test
    void aSavedConnectionIsPickedUpWithoutRestart() {
        EwsSimulator sim = SharedSimulator.get();
        String mailbox = "rita@rotate.example";
        Simulators.mailbox(sim, mailbox);
        sim.control().createAppointment(mailbox, Simulators.startingIn("Plan", "PT2H", "PT1H", "Normal"));
        FakeIdentityAndConfig identity = FakeIdentityAndConfig.instance();
        identity.putConnection(Simulators.connection(TENANT, sim.httpEwsUrl(), Simulators.ACCOUNT, "old-password", 1, null));
        Topics.tenant(TENANT, false, 1, 1);
        try (CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user(TENANT, "u-rita", mailbox, true, 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> health.user(TENANT, "u-rita") != null
                    && "unauthorized".equals(health.user(TENANT, "u-rita").lastErrorKind()));
            int fetchesBefore = identity.fetches(TENANT);

            identity.putConnection(Simulators.connection(TENANT, sim.httpEwsUrl(), Simulators.ACCOUNT,
                    Simulators.PASSWORD, 2, null));
            Instant saved = Instant.now();
            Topics.tenant(TENANT, false, 2, 2);
            CalendarWatcher.Seen seen = watcher.await(TENANT + "/u-rita", 0, s -> !s.tombstone(), Duration.ofSeconds(30));
            System.out.printf("new connection used %d ms after its connectionVersion was announced%n",
                    Duration.between(saved, seen.arrivedAt()).toMillis());
            assertThat(identity.fetches(TENANT)).isGreaterThan(fetchesBefore);
            assertThat(identity.rejectedFetches()).isZero();
        }
    }

    @Test
    void aLiveTenantSwitchedFromEwsToGraphKeepsItsCalendarAndVersions() throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        String tenant = "switch";
        String mailbox = "sofie@switch.example";
        Simulators.mailbox(sim, mailbox);
        sim.control().createAppointment(mailbox, Simulators.startingIn("Plan", "PT2H", "PT1H", "Normal"));
        FakeIdentityAndConfig identity = FakeIdentityAndConfig.instance();
        identity.putConnection(Via.EWS.connection(tenant, 1));
        Topics.tenant(tenant, false, 1, 1);
        try (CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user(tenant, "u-sofie", mailbox, true, 1);
            CalendarWatcher.Seen overEws = watcher.await(tenant + "/u-sofie", 0, s -> !s.tombstone(),
                    Duration.ofSeconds(20));

            identity.putConnection(Via.GRAPH.connection(tenant, 2));
            Topics.tenant(tenant, false, 2, 2);
            // The first Graph read finds the same calendar: same ids and change keys, so nothing is republished.
            await().atMost(Duration.ofSeconds(30)).until(() -> !sim.control()
                    .requests(Via.APP, mailbox, Via.GRAPH.readOperation()).isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(() -> !sim.control()
                    .requests(Via.APP, mailbox, Via.GRAPH.pushOperation()).isEmpty());
            assertThat(watcher.of(tenant + "/u-sofie")).hasSize(1);

            Instant changed = Instant.now();
            sim.control().createAppointment(mailbox, Simulators.startingIn("After the move", "PT4H", "PT1H", "Normal"));
            CalendarWatcher.Seen overGraph = watcher.await(tenant + "/u-sofie", 1,
                    s -> !s.tombstone() && s.message().items().size() == 2, Duration.ofSeconds(20));
            System.out.printf("after the EWS -> Graph switch a change arrived by push in %d ms%n",
                    Duration.between(changed, overGraph.arrivedAt()).toMillis());
            assertThat(overGraph.message().version()).isGreaterThan(overEws.message().version());
            assertThat(overGraph.message().items()).anyMatch(item -> item.itemId().equals(
                    overEws.message().items().get(0).itemId()));
        }
    }
}
