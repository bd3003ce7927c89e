package com.calroute.sync.flow;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.graph.GraphApp;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A mixed deployment: one EWS tenant and one Graph tenant whose users have the same simulator mailbox. Both
 * publish calroute.calendar.v1 messages with the same fields and the same items (ids, change keys, times, busy,
 * privacy, subjects), the private canary's subject in neither; a change reaches both after a resync (the Graph
 * read continues from its delta link); a Graph tenant with a wrong secret is explained, and the connection-test
 * endpoint walks the Graph steps.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class MixedEwsAndGraphTest {
    private static final String EWS_TENANT = "mix-ews";
    private static final String GRAPH_TENANT = "mix-graph";
    private static final String BAD_TENANT = "mix-badsecret";
    private static final String MAILBOX = "shared@mix.example";
    private static final String THROTTLED = "throttled@mix.example";
    private static final String THROTTLE_TENANT = "mix-throttle";
    private static final String ENTRA = "7a1c2f4e-8a0b-4c55-9d1e-1a2b3c4d5e6f";
    private static final String APP = "1b5d0c4e-3f2a-4a1b-8c9d-112233445566";
    private static final String SECRET = "mix-graph-secret";
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static CalendarWatcher watcher;

    @BeforeAll
    static void seed() {
        EwsSimulator sim = SharedSimulator.get();
        Simulators.account(sim, Simulators.ACCOUNT, Simulators.PASSWORD, true);
        Simulators.mailbox(sim, MAILBOX);
        Simulators.mailbox(sim, THROTTLED);
        // Scoped by RBAC for Applications (no tenant-wide permission), as Microsoft recommends.
        sim.graph().putApp(new GraphApp(APP, ENTRA, SECRET, List.of(), List.of(MAILBOX, THROTTLED), 3599));
        FakeIdentityAndConfig.instance().putConnection(Simulators.httpConnection(EWS_TENANT, sim, 1));
        FakeIdentityAndConfig.instance().putConnection(graph(GRAPH_TENANT, SECRET));
        FakeIdentityAndConfig.instance().putConnection(graph(BAD_TENANT, "not-the-secret"));
        FakeIdentityAndConfig.instance().putConnection(graph(THROTTLE_TENANT, SECRET));
        Topics.tenant(THROTTLE_TENANT, false, 1, 1);
        Topics.tenant(EWS_TENANT, true, 1, 1);
        Topics.tenant(GRAPH_TENANT, true, 1, 1);
        Topics.tenant(BAD_TENANT, true, 1, 1);
        watcher = new CalendarWatcher();
    }

    @AfterAll
    static void stop() {
        watcher.close();
    }

    static ExchangeConnection graph(String tenantId, String secret) {
        String base = "http://" + Simulators.hostPort(SharedSimulator.get().httpEwsUrl());
        return new ExchangeConnection(tenantId, ConnectionKind.GRAPH, 1, null, null, null, null, null, ENTRA, APP,
                secret, null, base, base, null);
    }

    @Test
    @TestSecurity(user = "operator", roles = {"operator", "tenant-admin"})
    void bothKindsPublishIdenticalMessagesForTheSameMailbox() throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        sim.control().createAppointment(MAILBOX, Simulators.startingIn("Budget", "PT3H", "PT1H", "Normal"));
        sim.control().createAppointment(MAILBOX, Simulators.startingIn("CANARY-mix private", "PT5H", "PT1H", "Private"));
        var series = sim.control().createAppointment(MAILBOX, Simulators.daily("Stand-up", "PT26H", "PT15M", 5));
        List<Instant> starts = sim.control().calendarView(MAILBOX, Instant.now(), Instant.now().plus(Duration.ofDays(10)))
                .stream().filter(item -> "Stand-up".equals(item.get("subject")))
                .map(item -> Instant.parse(String.valueOf(item.get("start")))).sorted().toList();
        sim.control().deleteOccurrence(MAILBOX, series.itemId(), starts.get(1));
        sim.control().modifyOccurrence(MAILBOX, series.itemId(), starts.get(2), new AppointmentSpec.OccurrenceSpec(null,
                null, null, "Moved", null, null, null, null, null, "Tentative", null, null, "15:00"));
        sim.control().createAppointment(MAILBOX, new AppointmentSpec("Ferie", null, null, null, null, "P3D", null, null,
                null, null, 2, "Europe/Oslo", true, "OOF", "Normal", null, null, null, null));

        Topics.user(EWS_TENANT, "u-ews", MAILBOX, true, 1);
        Topics.user(GRAPH_TENANT, "u-graph", MAILBOX, true, 1);
        Topics.user(BAD_TENANT, "u-bad", MAILBOX, true, 1);
        CalendarWatcher.Seen overEws = watcher.await(EWS_TENANT + "/u-ews", 0,
                s -> !s.tombstone() && s.message().items().size() == 7, GENEROUS);
        CalendarWatcher.Seen overGraph = watcher.await(GRAPH_TENANT + "/u-graph", 0,
                s -> !s.tombstone() && s.message().items().size() == 7, GENEROUS);
        assertSameShape(overEws.json(), overGraph.json());
        assertThat(overGraph.json()).doesNotContain("CANARY").contains("Budget").contains("Moved");
        assertThat(overEws.json()).doesNotContain("CANARY");

        var added = sim.control().createAppointment(MAILBOX, Simulators.startingIn("Added", "PT8H", "PT30M", "Normal"));
        sim.control().updateAppointment(MAILBOX, series.itemId(), Map.of("subject", "Daily"));
        given().when().post("/api/v1/tenants/" + EWS_TENANT + "/users/u-ews/resync").then().statusCode(202);
        given().when().post("/api/v1/tenants/" + GRAPH_TENANT + "/users/u-graph/resync").then().statusCode(202);
        CalendarWatcher.Seen ewsAfter = watcher.await(EWS_TENANT + "/u-ews", watcher.of(EWS_TENANT + "/u-ews").size() - 1,
                s -> !s.tombstone() && s.message().items().size() == 8 && s.json().contains("Daily"), GENEROUS);
        CalendarWatcher.Seen graphAfter = watcher.await(GRAPH_TENANT + "/u-graph",
                watcher.of(GRAPH_TENANT + "/u-graph").size() - 1,
                s -> !s.tombstone() && s.message().items().size() == 8 && s.json().contains("Daily"), GENEROUS);
        assertSameShape(ewsAfter.json(), graphAfter.json());
        assertThat(graphAfter.message().items()).anyMatch(item -> item.itemId().equals(added.itemId()));
        assertThat(sim.control().requests(APP, MAILBOX, "Graph.CalendarViewDelta")).isNotEmpty();
        var deltas = io.quarkus.arc.Arc.container().instance(com.calroute.sync.graph.JdbcDeltaStore.class).get();
        var persisted = deltas.load(GRAPH_TENANT, MAILBOX);
        assertThat(persisted.deltaLink()).contains("$deltatoken=");
        assertThat(persisted.items()).hasSize(8);

        var store = io.quarkus.arc.Arc.container().instance(com.calroute.sync.health.SyncHealthStore.class).get();
        await().atMost(GENEROUS).until(() -> store.user(BAD_TENANT, "u-bad") != null
                && store.user(BAD_TENANT, "u-bad").lastError() != null);
        var bad = store.user(BAD_TENANT, "u-bad");
        assertThat(bad.state().name()).isEqualTo("ERROR");
        assertThat(bad.lastErrorKind()).isEqualTo("unauthorized");
        assertThat(bad.lastError()).contains("AADSTS7000215").doesNotContain("not-the-secret");
        assertThat(watcher.of(BAD_TENANT + "/u-bad")).isEmpty();
        assertThat(watcher.invalid()).isEmpty();
    }

    @Test
    @TestSecurity(user = "config-service", roles = "service")
    void theConnectionTestEndpointWalksTheGraphSteps() {
        Map<String, Object> ok = Map.of("connection", graph(GRAPH_TENANT, SECRET), "mailbox", MAILBOX);
        given().contentType(ContentType.JSON).body(ok).when().post("/internal/v1/connection-tests").then()
                .statusCode(200).body("ok", equalTo(true)).body("step", equalTo("OK"));
        Map<String, Object> badSecret = Map.of("connection", graph(GRAPH_TENANT, "wrong-one"), "mailbox", MAILBOX);
        given().contentType(ContentType.JSON).body(badSecret).when().post("/internal/v1/connection-tests").then()
                .statusCode(200).body("ok", equalTo(false)).body("step", equalTo("TOKEN"))
                .body("message", containsString("AADSTS7000215"));
        Simulators.mailbox(SharedSimulator.get(), "outside@mix.example");
        Map<String, Object> outside = Map.of("connection", graph(GRAPH_TENANT, SECRET), "mailbox", "outside@mix.example");
        given().contentType(ContentType.JSON).body(outside).when().post("/internal/v1/connection-tests").then()
                .statusCode(200).body("ok", equalTo(false)).body("step", equalTo("MAILBOX"))
                .body("message", containsString("New-ManagementRoleAssignment -App " + APP));
    }

    @Test
    void aGraph429WithRetryAfterIsWaitedOutAndTheCalendarStillArrives() {
        EwsSimulator sim = SharedSimulator.get();
        sim.control().createAppointment(THROTTLED, Simulators.startingIn("Budget", "PT3H", "PT1H", "Normal"));
        sim.control().addFault(Map.of("account", APP, "mailbox", THROTTLED, "kind", "GRAPH_429", "backOffMs", 3000,
                "count", 1));
        Instant optedIn = Instant.now();
        Topics.user(THROTTLE_TENANT, "u-t", THROTTLED, true, 1);
        CalendarWatcher.Seen first = watcher.await(THROTTLE_TENANT + "/u-t", 0,
                s -> !s.tombstone() && s.message().items().size() == 1, GENEROUS);
        assertThat(Duration.between(optedIn, first.arrivedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(sim.control().requests(APP, THROTTLED, "Graph.CalendarViewDelta"))
                .extracting(entry -> entry.httpStatus()).contains(429, 200);
    }

    /** Same top-level fields and identical items; only who it is for, its version and timestamps may differ. */
    private static void assertSameShape(String ewsJson, String graphJson) throws Exception {
        ObjectNode ews = (ObjectNode) Topics.MAPPER.readTree(ewsJson);
        ObjectNode graph = (ObjectNode) Topics.MAPPER.readTree(graphJson);
        List<String> ewsFields = new ArrayList<>();
        ews.fieldNames().forEachRemaining(ewsFields::add);
        List<String> graphFields = new ArrayList<>();
        graph.fieldNames().forEachRemaining(graphFields::add);
        assertThat(graphFields).containsExactlyElementsOf(ewsFields);
        JsonNode ewsItems = ews.get("items");
        assertThat(graph.get("items")).isEqualTo(ewsItems);
        for (String same : List.of("schema", "windowStart", "windowEnd", "syncEnabled")) {
            assertThat(graph.get(same)).as(same).isEqualTo(ews.get(same));
        }
    }
}
