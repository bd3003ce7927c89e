package com.calroute.sync.flow;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A new connectionVersion on calroute.tenants.v1 makes sync re-fetch the connection (within 30 s) and use it. */
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
                    && "AUTH".equals(health.user(TENANT, "u-rita").lastErrorKind()));
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
}
