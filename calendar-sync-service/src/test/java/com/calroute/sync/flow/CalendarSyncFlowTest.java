package com.calroute.sync.flow;

import com.calroute.contracts.calendar.CalendarItem;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.calendar.ResponseType;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Topics;
import com.calroute.sync.testsupport.Via;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The whole flow on the real broker and simulator, once over EWS and once over Microsoft Graph with the same
 * expectations: enrol + opt in → snapshot; create, move, cancel and delete appointments and series exceptions →
 * updated snapshots via EWS streaming or Graph change notifications (the safety poll is 10 minutes); nothing
 * republished when nothing changed; opt out → empty calendar; un-enrol → tombstone, health gone.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class CalendarSyncFlowTest {

    private static final String USER = "u-kari";
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static CalendarWatcher watcher;
    private static final Map<Via, List<Long>> latencies = new java.util.EnumMap<>(Via.class);

    private String tenant;
    private String key;
    private String kari;

    @BeforeAll
    static void watch() {
        watcher = new CalendarWatcher();
    }

    @AfterAll
    static void stop() {
        watcher.close();
        latencies.forEach((via, measured) -> System.out.printf(
                "change -> calendar.v1 latencies (ms) over %s (streaming/push): %s%n", via, measured));
    }

    private static EwsSimulator sim() {
        return SharedSimulator.get();
    }

    private CalendarWatcher.Seen change(Via via, String what, Runnable change,
                                        java.util.function.Predicate<CalendarMessage> expected) {
        int before = watcher.of(key).size();
        Instant changedAt = Instant.now();
        change.run();
        CalendarWatcher.Seen seen = watcher.await(key, before, s -> !s.tombstone() && expected.test(s.message()), GENEROUS);
        long latency = Duration.between(changedAt, seen.arrivedAt()).toMillis();
        latencies.computeIfAbsent(via, v -> new ArrayList<>()).add(latency);
        System.out.printf("%s over %s reached calroute.calendar.v1 after %d ms%n", what, via, latency);
        return seen;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    @TestSecurity(user = "operator", roles = "operator")
    void enrolChangeOptOutUnenrol(Via via) throws Exception {
        tenant = via.tenant("flow");
        key = tenant + "/" + USER;
        kari = via.mailbox("kari@flow.example");
        Simulators.mailbox(sim(), kari);
        FakeIdentityAndConfig.instance().putConnection(via.connection(tenant, 1));
        Topics.tenant(tenant, false, 1, 1);
        var budget = sim().control().createAppointment(kari, Simulators.startingIn("Budget", "PT3H", "PT1H", "Normal"));
        sim().control().createAppointment(kari, Simulators.startingIn("CANARY-flow private", "PT5H", "PT1H", "Private"));

        Topics.user(tenant, USER, kari, true, 1);
        CalendarWatcher.Seen first = watcher.await(key, 0, s -> !s.tombstone() && s.message().items().size() == 2, GENEROUS);
        CalendarMessage snapshot = first.message();
        assertThat(snapshot.syncEnabled()).isTrue();
        assertThat(snapshot.calendarAsOf()).isNotNull();
        assertThat(snapshot.items()).allSatisfy(item -> assertThat(item.subject()).isNull());
        assertThat(first.json()).doesNotContain("CANARY");

        // Changes can flow once the stream (EWS) or the subscription (Graph) is up.
        await().atMost(GENEROUS).until(() -> !sim().control().requests(null, kari, via.pushOperation()).isEmpty());

        java.util.concurrent.atomic.AtomicReference<com.calroute.ewssim.control.Specs.ItemRef> added =
                new java.util.concurrent.atomic.AtomicReference<>();
        long version = change(via, "create", () -> added.set(sim().control().createAppointment(kari,
                Simulators.startingIn("Added", "PT7H", "PT30M", "Normal"))), m -> m.items().size() == 3).message().version();
        var created = added.get();
        assertThat(version).isGreaterThan(snapshot.version());
        assertThat(snapshot.items()).as("the owner's own appointments").extracting(CalendarItem::response)
                .containsOnly(ResponseType.ORGANIZER);

        // The owner's answer to a meeting travels with it: declined but kept in the calendar, then not answered.
        version = change(via, "decline", () -> sim().control().updateAppointment(kari, created.itemId(),
                Map.of("meeting", true, "myResponse", "Decline")), m -> m.items().stream()
                .anyMatch(item -> item.itemId().equals(created.itemId()) && item.response() == ResponseType.DECLINED))
                .message().version();
        version = change(via, "unanswered", () -> sim().control().updateAppointment(kari, created.itemId(),
                Map.of("myResponse", "NoResponseReceived")), m -> m.items().stream()
                .anyMatch(item -> item.itemId().equals(created.itemId()) && item.response() == ResponseType.NOT_RESPONDED))
                .message().version();

        Instant newStart = Instant.now().plus(Duration.ofHours(30)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        CalendarMessage moved = change(via, "move", () -> sim().control().updateAppointment(kari, created.itemId(),
                Map.of("start", newStart.toString(), "end", newStart.plus(Duration.ofHours(1)).toString())),
                m -> m.items().stream().anyMatch(item -> item.start().equals(newStart))).message();
        assertThat(moved.version()).isGreaterThan(version);

        CalendarMessage cancelled = change(via, "cancel", () -> sim().control().updateAppointment(kari, budget.itemId(),
                Map.of("cancelled", true)), m -> m.items().stream().anyMatch(CalendarItem::cancelled)).message();
        assertThat(cancelled.version()).isGreaterThan(moved.version());

        change(via, "delete", () -> sim().control().deleteAppointment(kari, created.itemId()), m -> m.items().size() == 2);

        java.util.concurrent.atomic.AtomicReference<com.calroute.ewssim.control.Specs.ItemRef> addedSeries =
                new java.util.concurrent.atomic.AtomicReference<>();
        change(via, "series", () -> addedSeries.set(sim().control().createAppointment(kari,
                Simulators.daily("Stand-up", "PT50H", "PT15M", 4))), m -> m.items().size() == 6);
        var series = addedSeries.get();
        List<Instant> occurrences = sim().control().calendarView(kari, Instant.now(), Instant.now().plus(Duration.ofDays(10)))
                .stream().filter(item -> String.valueOf(item.get("itemId")).length() > 0
                        && "Stand-up".equals(item.get("subject")))
                .map(item -> Instant.parse(String.valueOf(item.get("start")))).sorted().toList();
        // EWS carries whole seconds; the simulator's relative times have more.
        Instant exceptionStart = occurrences.get(1).plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        change(via, "series exception", () -> sim().control().modifyOccurrence(kari, series.itemId(), occurrences.get(1),
                new AppointmentSpec.OccurrenceSpec(null, null, null, null, null, exceptionStart.toString(),
                        exceptionStart.plus(Duration.ofMinutes(15)).toString(), null, null, null, null, null)),
                m -> m.items().stream().anyMatch(item -> item.start().equals(exceptionStart)));
        change(via, "deleted occurrence", () -> sim().control().deleteOccurrence(kari, series.itemId(), occurrences.get(2)),
                m -> m.items().size() == 5);

        // A resync also reads the working hours, not known until then (a mailbox's first reading otherwise comes at
        // random within an hour): learning Exchange's default week is news, once.
        List<CalendarWatcher.Seen> sofar = watcher.of(key);
        if (sofar.get(sofar.size() - 1).message().workingHours() == null) {
            given().when().post("/api/v1/tenants/" + tenant + "/users/" + USER + "/resync").then().statusCode(202);
            assertThat(watcher.await(key, sofar.size(), s -> !s.tombstone() && s.message().workingHours() != null,
                    GENEROUS).message().items()).hasSize(5);
        }

        // Nothing changed: a resync reads the mailbox again but publishes nothing new.
        await().atMost(GENEROUS).until(() -> healthState().equals("OK"));
        int published = watcher.of(key).size();
        String lastSuccess = given().when().get("/api/v1/tenants/" + tenant + "/sync-health").then().statusCode(200)
                .extract().path("users[0].lastSuccess");
        given().when().post("/api/v1/tenants/" + tenant + "/users/" + USER + "/resync").then().statusCode(202);
        await().atMost(GENEROUS).until(() -> !lastSuccess.equals(given().when()
                .get("/api/v1/tenants/" + tenant + "/sync-health").then().extract().path("users[0].lastSuccess")));
        // A marker proves it without waiting for an absence: the next value on the key is the marker's.
        change(via, "marker", () -> sim().control().createAppointment(kari,
                Simulators.startingIn("Marker", "PT8H", "PT15M", "Normal")), m -> m.items().size() == 6);
        assertThat(watcher.of(key).get(published).message().items()).as("nothing between the resync and the marker")
                .hasSize(6);
        published = watcher.of(key).size();

        Topics.user(tenant, USER, kari, false, 2);
        CalendarWatcher.Seen empty = watcher.await(key, published, s -> !s.tombstone() && !s.message().syncEnabled(), GENEROUS);
        assertThat(empty.message().items()).isEmpty();
        assertThat(empty.message().calendarAsOf()).isNull();
        await().atMost(GENEROUS).until(() -> healthState().equals("OFF"));
        given().when().post("/api/v1/tenants/" + tenant + "/users/" + USER + "/resync").then().statusCode(409);

        // Opted out: changes in Exchange publish nothing — the value after the opt-out's is the un-enrolment's
        // tombstone (one key, one partition: the topic keeps their order).
        int afterOptOut = watcher.of(key).size();
        sim().control().createAppointment(kari, Simulators.startingIn("Ignored", "PT9H", "PT1H", "Normal"));
        // No marker can pass an opted-out mailbox, so this absence is watched for a while (as long as a notified
        // change takes here many times over).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> watcher.of(key).size() == afterOptOut);

        Topics.unenrol(tenant, USER);
        watcher.await(key, afterOptOut, CalendarWatcher.Seen::tombstone, Duration.ofSeconds(60));
        assertThat(watcher.of(key).get(afterOptOut).tombstone()).as("nothing published while opted out").isTrue();
        await().atMost(GENEROUS).untilAsserted(() -> given().when().get("/api/v1/tenants/" + tenant + "/sync-health")
                .then().statusCode(200).body("total", equalTo(0)));

        List<CalendarWatcher.Seen> all = watcher.of(key);
        long previous = 0;
        for (CalendarWatcher.Seen seen : all) {
            if (!seen.tombstone()) {
                assertThat(seen.message().version()).isGreaterThan(previous);
                previous = seen.message().version();
            }
        }
        assertThat(watcher.invalid()).isEmpty();
        assertThat(FakeIdentityAndConfig.instance().fetches(tenant)).isGreaterThanOrEqualTo(1);
    }

    private String healthState() {
        List<String> states = given().when().get("/api/v1/tenants/" + tenant + "/sync-health").then().statusCode(200)
                .extract().path("users.state");
        return states.isEmpty() ? "" : states.get(0);
    }
}
