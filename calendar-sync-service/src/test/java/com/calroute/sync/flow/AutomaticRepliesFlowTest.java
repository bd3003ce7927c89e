package com.calroute.sync.flow;

import com.calroute.contracts.calendar.AutomaticReplies;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.calendar.WorkingHours;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.ewssim.control.Specs;
import com.calroute.ewssim.graph.GraphApp;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.Topics;
import com.calroute.sync.testsupport.Via;
import com.calroute.sync.testsupport.SyncTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic replies reach calroute.calendar.v1 by polling, over EWS (GetUserOofSettings) and Graph
 * (mailboxSettings/automaticRepliesSetting): not known with a mailbox's first calendar (its first poll comes within one
 * interval, never inside the read), then read by the poller. Its interval is 4 minutes here as in production, so after
 * each change in Exchange the test asks for a resync, which has the poller read them at its next round (the e2e suite
 * polls every 3 s and needs no resync); the change is published by the read the poller asks for. The reply text never
 * leaves sync. A Graph app without MailboxSettings.Read still syncs calendars.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
@TestSecurity(user = "operator", roles = "operator")
class AutomaticRepliesFlowTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final String CANARY = "CANARY-reply-text";
    private static CalendarWatcher watcher;

    @BeforeAll
    static void watch() {
        watcher = new CalendarWatcher();
    }

    @AfterAll
    static void stop() {
        watcher.close();
    }

    private static EwsSimulator sim() {
        return SharedSimulator.get();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void switchedOnScheduledAndOffInExchangeEachReachesTheCalendarTopic(Via via) {
        String tenant = via.tenant("replies");
        String key = tenant + "/u-ola";
        String ola = via.mailbox("ola@replies.example");
        Simulators.mailbox(sim(), ola);
        FakeIdentityAndConfig.instance().putConnection(via.connection(tenant, 1));
        Topics.tenant(tenant, false, 1, 1);
        Topics.user(tenant, "u-ola", ola, true, 1);

        CalendarMessage first = watcher.await(key, 0, seen -> !seen.tombstone(), GENEROUS).message();
        assertThat(first.automaticReplies()).as("not known before the first poll").isNull();

        int before = watcher.of(key).size();
        sim().control().putAutomaticReplies(ola, new Specs.AutomaticRepliesSpec("Enabled", null, null, CANARY, CANARY));
        resync(tenant);
        CalendarWatcher.Seen on = awaitReplies(key, before, AutomaticReplies.State.ON);
        assertThat(on.json()).doesNotContain(CANARY);

        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(10, ChronoUnit.DAYS);
        before = watcher.of(key).size();
        sim().control().putAutomaticReplies(ola, new Specs.AutomaticRepliesSpec("Scheduled", start.toString(),
                end.toString(), CANARY, CANARY));
        resync(tenant);
        AutomaticReplies scheduled = awaitReplies(key, before, AutomaticReplies.State.SCHEDULED).message()
                .automaticReplies();
        assertThat(scheduled.start()).isEqualTo(start);
        assertThat(scheduled.end()).isEqualTo(end);

        before = watcher.of(key).size();
        Instant switchedOff = Instant.now();
        sim().control().putAutomaticReplies(ola, new Specs.AutomaticRepliesSpec("Disabled", null, null, null, null));
        resync(tenant);
        CalendarWatcher.Seen off = awaitReplies(key, before, AutomaticReplies.State.OFF);
        System.out.printf("automatic replies switched off over %s, then resync: calroute.calendar.v1 after %d ms%n", via,
                Duration.between(switchedOff, off.arrivedAt()).toMillis());
        assertThat(watcher.all()).extracting(CalendarWatcher.Seen::json).noneMatch(json -> json.contains(CANARY));

    }

    /**
     * Working hours reach the topic like the automatic replies, by the poll (EWS GetUserAvailability, whose time zone
     * comes as rules and is matched to an IANA zone; Graph mailboxSettings): not known with the first calendar, read
     * when a resync asks (otherwise first at random within the hours interval, then hourly). EWS keeps several
     * periods; Graph shows one.
     */
    @ParameterizedTest
    @EnumSource(Via.class)
    void workingHoursSetInOutlookReachTheCalendarTopicWithTheirZone(Via via) {
        String tenant = via.tenant("hours");
        String key = tenant + "/u-ola";
        String ola = via.mailbox("ola@hours.example");
        Simulators.mailbox(sim(), ola);
        sim().control().putWorkingHours(ola, new Specs.WorkingHoursSpec("Europe/Oslo", List.of(
                new Specs.WorkingPeriodSpec(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY"), 480, 960),
                new Specs.WorkingPeriodSpec(List.of("FRIDAY"), 480, 900))));
        FakeIdentityAndConfig.instance().putConnection(via.connection(tenant, 1));
        Topics.tenant(tenant, false, 1, 1);
        Topics.user(tenant, "u-ola", ola, true, 1);

        CalendarMessage first = watcher.await(key, 0, seen -> !seen.tombstone(), GENEROUS).message();
        assertThat(first.workingHours()).as("not known before the first poll").isNull();
        resync(tenant);
        WorkingHours read = watcher.await(key, 1, seen -> !seen.tombstone() && seen.message().workingHours() != null,
                GENEROUS).message().workingHours();
        List<DayOfWeek> monToThu = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY);
        if (via == Via.EWS) {
            assertThat(read.timeZone()).isEqualTo("Europe/Oslo");
            assertThat(read.periods()).containsExactly(new WorkingHours.Period(monToThu, 480, 960),
                    new WorkingHours.Period(List.of(DayOfWeek.FRIDAY), 480, 900));
        } else {
            // Graph names the zone "W. Europe Standard Time", which CLDR maps to Europe/Berlin: the same rules.
            assertThat(ZoneId.of(read.timeZone()).getRules().getOffset(Instant.parse("2027-07-01T00:00:00Z")))
                    .isEqualTo(ZoneId.of("Europe/Oslo").getRules().getOffset(Instant.parse("2027-07-01T00:00:00Z")));
            assertThat(read.periods()).containsExactly(new WorkingHours.Period(
                    List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                            DayOfWeek.FRIDAY), 480, 960));
        }

        int before = watcher.of(key).size();
        sim().control().putWorkingHours(ola, new Specs.WorkingHoursSpec("Europe/Oslo", List.of(
                new Specs.WorkingPeriodSpec(List.of("MONDAY", "WEDNESDAY"), 540, 1020))));
        resync(tenant);
        WorkingHours changed = watcher.await(key, before, seen -> !seen.tombstone()
                && seen.message().workingHours() != null
                && seen.message().workingHours().periods().get(0).startMinute() == 540, GENEROUS)
                .message().workingHours();
        assertThat(changed.periods()).containsExactly(new WorkingHours.Period(
                List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), 540, 1020));
    }

    /**
     * A poll that finds automatic replies off, where routing holds none, is no news — and the read after it must not
     * make it news either (it once did: a new version for nothing). Deterministic: the poll is seen in Exchange's
     * request log before the second read is asked for, and a later change proves which versions were made.
     */
    @Test
    void automaticRepliesFoundOffWhereRoutingHoldsNoneMakeNoNewVersion() {
        String tenant = "replies-off";
        String key = tenant + "/u-eva";
        String eva = "eva@replies-off.example";
        Simulators.mailbox(sim(), eva);
        FakeIdentityAndConfig.instance().putConnection(Via.EWS.connection(tenant, 1));
        Topics.tenant(tenant, false, 1, 1);
        Topics.user(tenant, "u-eva", eva, true, 1);
        assertThat(watcher.await(key, 0, seen -> !seen.tombstone(), GENEROUS).message().version()).isEqualTo(1);

        int polledBefore = sim().control().requests(null, eva, "GetUserOofSettingsRequest").size();
        given().when().post("/api/v1/tenants/" + tenant + "/users/u-eva/resync").then().statusCode(202);
        org.awaitility.Awaitility.await().atMost(GENEROUS).until(() ->
                sim().control().requests(null, eva, "GetUserOofSettingsRequest").size() > polledBefore);
        // The poll said "off" (and read the working hours: Exchange's default, new to routing, so one version).
        CalendarMessage withHours = watcher.await(key, 1, seen -> !seen.tombstone(), GENEROUS).message();
        assertThat(withHours.version()).isEqualTo(2);
        assertThat(withHours.automaticReplies()).as("off where routing holds none: not said").isNull();

        given().when().post("/api/v1/tenants/" + tenant + "/users/u-eva/resync").then().statusCode(202);
        sim().control().createAppointment(eva, Simulators.startingIn("Marker", "PT2H", "PT1H", "Normal"));
        given().when().post("/api/v1/tenants/" + tenant + "/users/u-eva/resync").then().statusCode(202);
        CalendarMessage marker = watcher.await(key, 2, seen -> !seen.tombstone()
                && !seen.message().items().isEmpty(), GENEROUS).message();
        assertThat(marker.version()).as("no version between the hours and the marker").isEqualTo(3);
        assertThat(marker.automaticReplies()).isNull();
    }

    @Test
    void aGraphAppWithoutMailboxSettingsReadStillSyncsCalendarsWithRepliesUnknown() {
        String tenant = "replies-no-settings";
        String key = tenant + "/u-per";
        String per = "per@replies-no-settings.example";
        Simulators.mailbox(sim(), per);
        String appId = "7a9c1e2f-0000-4000-8000-000000000017";
        sim().graph().putApp(new GraphApp(appId, Via.ENTRA_TENANT, Via.SECRET, List.of("Calendars.Read"), List.of("*"),
                3599));
        FakeIdentityAndConfig.instance().putConnection(Via.graph(tenant, 1, appId, Via.SECRET, Via.graphBase(sim())));
        Topics.tenant(tenant, false, 1, 1);
        sim().control().createAppointment(per, Simulators.startingIn("Budget", "PT3H", "PT1H", "Normal"));
        sim().control().putAutomaticReplies(per, new Specs.AutomaticRepliesSpec("Enabled", null, null, null, null));

        Topics.user(tenant, "u-per", per, true, 1);

        CalendarMessage first = watcher.await(key, 0, seen -> !seen.tombstone(), GENEROUS).message();
        assertThat(first.items()).hasSize(1);

        // The poll is refused (403), the calendar keeps flowing and the replies stay unknown.
        given().when().post("/api/v1/tenants/" + tenant + "/users/u-per/resync").then().statusCode(202);
        org.awaitility.Awaitility.await().atMost(GENEROUS).until(() -> sim().control()
                .requests(null, per, "Graph.GetMailboxSettings").stream()
                .anyMatch(request -> "ErrorAccessDenied".equals(request.responseCode())));
        sim().control().createAppointment(per, Simulators.startingIn("Review", "PT5H", "PT1H", "Normal"));
        given().when().post("/api/v1/tenants/" + tenant + "/users/u-per/resync").then().statusCode(202);
        CalendarMessage later = watcher.await(key, 1, seen -> !seen.tombstone() && seen.message().items().size() == 2,
                GENEROUS).message();
        assertThat(later.automaticReplies()).as("not readable without MailboxSettings.Read").isNull();
    }

    private static void resync(String tenant) {
        given().when().post("/api/v1/tenants/" + tenant + "/users/u-ola/resync").then().statusCode(202);
    }

    private CalendarWatcher.Seen awaitReplies(String key, int after, AutomaticReplies.State state) {
        return watcher.await(key, after, seen -> !seen.tombstone() && seen.message().automaticReplies() != null
                && seen.message().automaticReplies().state() == state, GENEROUS);
    }
}
