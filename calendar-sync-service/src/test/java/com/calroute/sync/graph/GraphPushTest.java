package com.calroute.sync.graph;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.graph.GraphApp;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Change notifications for a Graph tenant, end to end with the simulator posting to the service: the service
 * subscribes (answering the validation handshake), a change reaches calendar.v1 by push (the safety poll is 10
 * minutes), a forged notification is ignored, a notification for another replica's subscription is verified
 * against the shared table and turned into a read by the owner, and after Graph removes the subscription (lifecycle
 * {@code subscriptionRemoved}) the service subscribes again and push keeps working.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class GraphPushTest {
    private static final String TENANT = "push-graph";
    private static final String USER = "u-push";
    private static final String KEY = TENANT + "/" + USER;
    private static final String MAILBOX = "push@graph.example";
    private static final String ENTRA = "8a1c2f4e-8a0b-4c55-9d1e-1a2b3c4d5e6f";
    private static final String APP = "2b5d0c4e-3f2a-4a1b-8c9d-112233445566";
    private static final String SECRET = "push-secret";
    private static final Duration PUSH = Duration.ofSeconds(20);
    private static CalendarWatcher watcher;

    @BeforeAll
    static void seed() {
        EwsSimulator sim = SharedSimulator.get();
        Simulators.mailbox(sim, MAILBOX);
        sim.graph().putApp(new GraphApp(APP, ENTRA, SECRET, List.of(), List.of(MAILBOX), 3599));
        String base = "http://" + Simulators.hostPort(sim.httpEwsUrl());
        FakeIdentityAndConfig.instance().putConnection(new ExchangeConnection(TENANT, ConnectionKind.GRAPH, 1, null,
                null, null, null, null, ENTRA, APP, SECRET, null, base, base, null));
        Topics.tenant(TENANT, false, 1, 1);
        watcher = new CalendarWatcher();
    }

    @AfterAll
    static void stop() {
        watcher.close();
    }

    private static List<Map<String, Object>> subscriptions() {
        return SharedSimulator.get().graph().subscriptions().all().stream()
                .filter(s -> s.mailbox().equals(MAILBOX) && s.appId().equals(APP))
                .map(s -> Map.<String, Object>of("id", s.id())).toList();
    }

    @Test
    void changesArriveByPushAndASubscriptionRemovedByGraphIsReplaced() throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        sim.control().createAppointment(MAILBOX, Simulators.startingIn("Budget", "PT3H", "PT1H", "Normal"));
        Topics.user(TENANT, USER, MAILBOX, true, 1);
        watcher.await(KEY, 0, s -> !s.tombstone() && s.message().items().size() == 1, PUSH);
        await().atMost(PUSH).until(() -> subscriptions().size() == 1);
        String first = (String) subscriptions().get(0).get("id");

        int before = watcher.of(KEY).size();
        Instant changedAt = Instant.now();
        sim.control().createAppointment(MAILBOX, Simulators.startingIn("Pushed", "PT6H", "PT30M", "Normal"));
        CalendarWatcher.Seen pushed = watcher.await(KEY, before, s -> !s.tombstone() && s.message().items().size() == 2, PUSH);
        System.out.printf("Graph change -> calendar.v1 by push in %d ms%n",
                Duration.between(changedAt, pushed.arrivedAt()).toMillis());

        // A notification that is not ours (wrong clientState) reads nothing.
        sim.control().clearRequests();
        given().contentType("application/json").body("{\"value\":[{\"subscriptionId\":\"" + first
                        + "\",\"clientState\":\"forged\",\"changeType\":\"updated\",\"resource\":\"x\"}]}")
                .when().post("/graph/v1/notifications").then().statusCode(202);
        given().queryParam("validationToken", "echo me").when().post("/graph/v1/notifications").then()
                .statusCode(200).body(org.hamcrest.Matchers.equalTo("echo me"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofMillis(2500))
                .until(() -> sim.control().requests(APP, MAILBOX, "Graph.CalendarViewDelta").isEmpty());

        var removedRequest = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.controlUrl()
                        + "/graph/subscriptions/" + first + "/lifecycle"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"lifecycleEvent\":\"subscriptionRemoved\"}"))
                .header("Content-Type", "application/json").build();
        assertThat(java.net.http.HttpClient.newHttpClient().send(removedRequest,
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
        await().atMost(PUSH).until(() -> subscriptions().size() == 1 && !first.equals(subscriptions().get(0).get("id")));

        // Another replica's subscription (known only from the shared table): verified by hash and handed to the owner.
        var directory = io.quarkus.arc.Arc.container().instance(JdbcSubscriptionDirectory.class).get();
        directory.save("other-replica-subscription", new SubscriptionDirectory.Row(TENANT, MAILBOX, USER,
                SubscriptionDirectory.hash("other-replica-state")), Instant.now().plusSeconds(3600));
        sim.control().clearRequests();
        given().contentType("application/json").body("{\"value\":[{\"subscriptionId\":\"other-replica-subscription\","
                        + "\"clientState\":\"guessed\",\"changeType\":\"updated\"}]}")
                .when().post("/graph/v1/notifications").then().statusCode(202);
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofMillis(3500))
                .until(() -> sim.control().requests(APP, MAILBOX, "Graph.CalendarViewDelta").isEmpty());
        given().contentType("application/json").body("{\"value\":[{\"subscriptionId\":\"other-replica-subscription\","
                        + "\"clientState\":\"other-replica-state\",\"changeType\":\"updated\"}]}")
                .when().post("/graph/v1/notifications").then().statusCode(202);
        await().atMost(PUSH).until(() -> !sim.control().requests(APP, MAILBOX, "Graph.CalendarViewDelta").isEmpty());

        int beforeSecond = watcher.of(KEY).size();
        sim.control().createAppointment(MAILBOX, Simulators.startingIn("Pushed again", "PT8H", "PT30M", "Normal"));
        watcher.await(KEY, beforeSecond, s -> !s.tombstone() && s.message().items().size() == 3, PUSH);
        assertThat(watcher.invalid()).isEmpty();
    }
}
