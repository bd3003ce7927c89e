package com.calroute.sync.flow;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.schedule.SyncRuntime;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Where Exchange cannot notify (Exchange 2010 RTM has no streaming notifications), changes still arrive through
 * the safety poll. The poll runs every 10 minutes in tests, so the test triggers one round directly.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class SafetyPollTest {

    private static final String TENANT = "nostream";
    private static final String ACCOUNT = "svc-nostream";

    @Inject
    SyncRuntime runtime;

    @Test
    void pollingCatchesChangesWhenStreamingFails() throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        Simulators.account(sim, ACCOUNT, Simulators.PASSWORD, true);
        String mailbox = "nils@nostream.example";
        Simulators.mailbox(sim, mailbox);
        sim.control().createAppointment(mailbox, Simulators.startingIn("First", "PT2H", "PT1H", "Normal"));
        var rtm = Simulators.connection(TENANT, sim.httpEwsUrl(), ACCOUNT, Simulators.PASSWORD, 1, null);
        FakeIdentityAndConfig.instance().putConnection(new com.calroute.contracts.connection.ExchangeConnection(
                rtm.tenantId(), rtm.kind(), 1, rtm.ewsUrl(), rtm.username(), rtm.password(), rtm.domain(),
                "Exchange2010", null, null, null, null, null, null, null));
        Topics.tenant(TENANT, false, 1, 1);
        try (CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user(TENANT, "u-nils", mailbox, true, 1);
            watcher.await(TENANT + "/u-nils", 0, s -> !s.tombstone() && s.message().items().size() == 1,
                    Duration.ofSeconds(30));
            sim.control().createAppointment(mailbox, Simulators.startingIn("Second", "PT5H", "PT1H", "Normal"));
            Thread.sleep(3000);
            assertThat(watcher.of(TENANT + "/u-nils")).as("no notification can arrive").hasSize(1);

            runtime.engine().safetyPoll();
            CalendarWatcher.Seen polled = watcher.await(TENANT + "/u-nils", 1,
                    s -> !s.tombstone() && s.message().items().size() == 2, Duration.ofSeconds(20));
            assertThat(polled.message().version()).isEqualTo(2);
            assertThat(sim.control().requests(ACCOUNT, null, "Subscribe")).isEmpty();
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("calroute_sync_mailboxes_synced_total"))
                .body(containsString("calroute_ews_calls_total"))
                .body(containsString("calroute_sync_latency_seconds"))
                .body(containsString("calroute_ews_backoff_seconds_total"));
    }
}
