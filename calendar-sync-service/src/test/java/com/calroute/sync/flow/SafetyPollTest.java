package com.calroute.sync.flow;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.schedule.SyncEngine;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Where Exchange cannot notify, changes still arrive through the safety poll: over EWS, Exchange 2010 RTM has no
 * streaming notifications; over Graph, the subscription exists but its notifications never reach the service. The
 * poll runs every 10 minutes in tests, so the test triggers one round directly.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class SafetyPollTest {

    @Inject
    SyncEngine engine;

    @ParameterizedTest
    @EnumSource(Via.class)
    void pollingCatchesChangesWhenNotificationsCannotArrive(Via via) throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        String tenant = via.tenant("nostream");
        String mailbox = via.mailbox("nils@nostream.example");
        Simulators.mailbox(sim, mailbox);
        sim.control().createAppointment(mailbox, Simulators.startingIn("First", "PT2H", "PT1H", "Normal"));
        if (via == Via.EWS) {
            Simulators.account(sim, "svc-nostream", Simulators.PASSWORD, true);
            var rtm = Simulators.connection(tenant, sim.httpEwsUrl(), "svc-nostream", Simulators.PASSWORD, 1, null);
            FakeIdentityAndConfig.instance().putConnection(new com.calroute.contracts.connection.ExchangeConnection(
                    rtm.tenantId(), rtm.kind(), 1, rtm.ewsUrl(), rtm.username(), rtm.password(), rtm.domain(),
                    "Exchange2010", null, null, null, null, null, null, null));
        } else {
            FakeIdentityAndConfig.instance().putConnection(via.connection(tenant, 1));
            sim.control().addFault(Map.of("mailbox", mailbox, "kind", "GRAPH_LOSE_NOTIFICATIONS", "count", 100_000));
        }
        Topics.tenant(tenant, false, 1, 1);
        try (CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user(tenant, "u-nils", mailbox, true, 1);
            watcher.await(tenant + "/u-nils", 0, s -> !s.tombstone() && s.message().items().size() == 1,
                    Duration.ofSeconds(30));
            if (via == Via.GRAPH) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !sim.control()
                        .requests(null, mailbox, via.pushOperation()).isEmpty());
            }
            long lostBefore = lostNotifications(sim);
            sim.control().createAppointment(mailbox, Simulators.startingIn("Second", "PT5H", "PT1H", "Normal"));
            // No notification can arrive: nothing reaches the topic until the safety poll.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                    .until(() -> watcher.of(tenant + "/u-nils").size() == 1);

            engine.safetyPoll();
            CalendarWatcher.Seen polled = watcher.await(tenant + "/u-nils", 1,
                    s -> !s.tombstone() && s.message().items().size() == 2, Duration.ofSeconds(20));
            assertThat(polled.message().version()).isEqualTo(2);
            if (via == Via.EWS) {
                assertThat(sim.control().requests("svc-nostream", null, "Subscribe")).isEmpty();
            } else {
                assertThat(lostNotifications(sim)).as("Graph's notification was lost").isGreaterThan(lostBefore);
            }
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("calroute_sync_mailboxes_synced_total"))
                .body(containsString("calroute_ews_calls_total"))
                .body(containsString("calroute_sync_latency_seconds"))
                .body(containsString("calroute_ews_backoff_seconds_total"));
    }

    private static long lostNotifications(EwsSimulator sim) {
        return ((Number) sim.graph().stats().get("notificationsLost")).longValue();
    }
}
