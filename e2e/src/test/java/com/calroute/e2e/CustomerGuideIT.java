package com.calroute.e2e;

import com.calroute.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer's guide, step by step, against the whole suite (real Keycloak tokens, real Kafka, the EWS simulator
 * over TLS): the operator creates the tenant, the admin connects Exchange and enrols employees, an employee opts in
 * and chooses settings, and then calls follow the calendar — including across two tenants that must not see
 * each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerGuideIT {

    private static final String KARI = "kari.nordmann@acme.example";
    private static final String OLA = "ola.hansen@acme.example";
    private static final String INGRID = "ingrid.berg@acme.example";
    private static final String PER = "per@fjord.example";
    private static final String KARI_MOBILE = "+4799000001";
    private static final String OLA_MOBILE = "+4799000002";
    private static final String PER_MOBILE = "+4799000003";
    private static final String FORWARD_TARGET = "+4790000000";
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** Working hours covering every minute of the week. */
    private static final Map<String, Object> ALWAYS_WORKING = Map.of("timeZone", "Europe/Oslo", "periods", List.of(
            Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                    "startMinute", 0, "endMinute", 1440)));

    private static Suite suite;
    private static SimulatorControl exchange;
    private static StatusEvents statusEvents;
    private static String kariId;
    private static String olaId;
    private static String perId;
    private static String callControlToken;
    private static Instant callControlTokenFetched = Instant.EPOCH;

    @BeforeAll
    static void startSuiteAndSeedExchange() {
        suite = Suite.get();
        exchange = new SimulatorControl(suite.simulatorControlUrl());
        // A clean Exchange for this guide's own mailboxes and accounts (no demo calendars on them). No reset: the
        // other e2e classes share the simulator and keep their own mailboxes.
        for (String own : List.of(KARI, OLA, INGRID, PER, "svc-acme", "svc-without-impersonation", "svc-fjord")) {
            exchange.forget(own);
        }
        for (String[] mailbox : List.of(new String[] {KARI, "Kari Nordmann"}, new String[] {OLA, "Ola Hansen"},
                new String[] {INGRID, "Ingrid Berg"}, new String[] {PER, "Per Fjell"})) {
            exchange.mailbox(mailbox[0], mailbox[1]);
            // Working all week round: the guide's steps then mean the same at any hour CI runs them; one step below
            // gives Kari a working week that leaves the present out.
            exchange.workingHours(mailbox[0], ALWAYS_WORKING);
        }
        exchange.account("svc-acme", "acme-service-password", KARI, OLA, INGRID);
        exchange.account("svc-without-impersonation", "another-password");
        exchange.account("svc-fjord", "fjord-service-password", PER);
        statusEvents = new StatusEvents(suite.kafkaBootstrap());
    }

    @AfterAll
    static void stopListening() throws InterruptedException {
        if (statusEvents != null) {
            statusEvents.close();
        }
    }

    @Test
    @Order(1)
    void operatorCreatesTheTenants() {
        String operator = token("operator", "operator-password");

        Api.Response acme = Api.post(suite.configUrl() + "/api/v1/tenants", operator, Map.of("id", "acme",
                "name", "Acme AS", "switchboardNumber", "+4722000000", "timeZone", "Europe/Oslo", "subjectSharing", false,
                "numbers", numbers("+4722000000", "+4722000000", KARI_MOBILE, OLA_MOBILE)));
        Api.Response fjord = Api.post(suite.configUrl() + "/api/v1/tenants", operator, Map.of("id", "fjord",
                "name", "Fjord AS", "switchboardNumber", "+4755000000", "timeZone", "Europe/Oslo", "subjectSharing", false,
                "numbers", numbers("+4755000000", "+4755000000", PER_MOBILE, PER_MOBILE)));
        Api.Response asAdmin = Api.post(suite.configUrl() + "/api/v1/tenants", adminToken(), Map.of("id", "sneaky",
                "name", "Sneaky AS", "switchboardNumber", "+4755000001"));

        assertThat(acme.status()).as("%s", acme.body()).isEqualTo(201);
        assertThat(fjord.status()).as("%s", fjord.body()).isEqualTo(201);
        assertThat(asAdmin.status()).isEqualTo(403);
        assertThat(asAdmin.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(2)
    void adminSavesTheExchangeSettingsAndTheConnectionTestSucceeds() {
        Api.Response saved = saveExchange(adminToken(), "acme", "svc-acme", "acme-service-password");
        Api.Response shown = Api.get(suite.configUrl() + "/api/v1/tenants/acme/exchange", adminToken());
        JsonNode test = testConnection(adminToken(), "acme", KARI);

        assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
        assertThat(shown.body().path("passwordSet").asBoolean()).isTrue();
        assertThat(shown.body().toString()).doesNotContain("acme-service-password");
        assertThat(test.path("ok").asBoolean()).as("%s", test).isTrue();
        assertThat(test.path("step").asText()).isEqualTo("OK");
        assertThat(test.path("serverVersion").asText()).isEqualTo("Exchange2013_SP1");

        Api.Response fjordSaved = saveExchange(fjordAdminToken(), "fjord", "svc-fjord", "fjord-service-password");
        assertThat(fjordSaved.status()).as("%s", fjordSaved.body()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theConnectionTestFailsInPlainWordsForAWrongPasswordOrAMissingImpersonationRight() {
        saveExchange(adminToken(), "acme", "svc-acme", "not-the-password");
        JsonNode wrongPassword = testConnection(adminToken(), "acme", KARI);
        saveExchange(adminToken(), "acme", "svc-without-impersonation", "another-password");
        JsonNode noImpersonation = testConnection(adminToken(), "acme", KARI);
        saveExchange(adminToken(), "acme", "svc-acme", "acme-service-password");

        assertThat(wrongPassword.path("ok").asBoolean()).isFalse();
        assertThat(wrongPassword.path("step").asText()).isEqualTo("AUTH");
        assertThat(wrongPassword.path("message").asText()).containsIgnoringCase("password");
        assertThat(noImpersonation.path("ok").asBoolean()).isFalse();
        assertThat(noImpersonation.path("step").asText()).isEqualTo("IMPERSONATION");
        assertThat(noImpersonation.path("message").asText()).containsIgnoringCase("impersonat");
        System.out.printf("Connection test, wrong password: %s%nConnection test, no impersonation: %s%n",
                wrongPassword.path("message").asText(), noImpersonation.path("message").asText());
    }

    @Test
    @Order(4)
    void adminEnrolsEmployeesAndAnEmployeeNotEnrolledCannotOptIn() {
        kariId = enrol(adminToken(), "acme", KARI, KARI_MOBILE, "Kari Nordmann");
        olaId = enrol(adminToken(), "acme", OLA, OLA_MOBILE, "Ola Hansen");
        perId = enrol(fjordAdminToken(), "fjord", PER, PER_MOBILE, "Per Fjell");

        Api.Response ingridOptsIn = Api.put(suite.configUrl() + "/api/v1/me/calendar-sync",
                token(INGRID, "employee-password"), Map.of("enabled", true));
        Api.Response numberTakenInOtherTenant = Api.post(suite.configUrl() + "/api/v1/tenants/acme/users", adminToken(),
                Map.of("email", "someone@acme.example", "mobileNumber", PER_MOBILE, "displayName", "Someone"));

        assertThat(ingridOptsIn.status()).isEqualTo(404);
        assertThat(ingridOptsIn.contentType()).startsWith("application/problem+json");
        // Another customer's number is refused as any number that is not acme's: it says nothing about fjord.
        assertThat(numberTakenInOtherTenant.status()).isEqualTo(400);
        assertThat(numberTakenInOtherTenant.body().path("type").asText()).isEqualTo("urn:calroute:problem:number-not-owned");
        assertThat(numberTakenInOtherTenant.body().toString()).doesNotContain("fjord").doesNotContain(PER);
    }

    @Test
    @Order(5)
    void employeesOptInAndChooseWhatHappensToTheirCalls() {
        String kari = token(KARI, "employee-password");
        Api.Response optIn = Api.put(suite.configUrl() + "/api/v1/me/calendar-sync", kari, Map.of("enabled", true));
        Api.Response settings = Api.put(suite.configUrl() + "/api/v1/me/status-settings", kari, Map.of(
                "BUSY", Map.of("action", "VOICEMAIL"),
                "OOF", Map.of("action", "FORWARD", "target", FORWARD_TARGET),
                "TENTATIVE", Map.of("action", "RING"),
                "WORKING_ELSEWHERE", Map.of("action", "SWITCHBOARD")));
        for (String[] other : List.of(new String[] {OLA, "acme"}, new String[] {PER, "fjord"})) {
            assertThat(Api.put(suite.configUrl() + "/api/v1/me/calendar-sync", token(other[0], "employee-password"),
                    Map.of("enabled", true)).status()).isEqualTo(200);
        }

        assertThat(optIn.status()).as("%s", optIn.body()).isEqualTo(200);
        assertThat(settings.status()).as("%s", settings.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode route = route(KARI_MOBILE).body();
            assertThat(route.path("state").asText()).isEqualTo("AVAILABLE");
            assertThat(route.path("action").asText()).isEqualTo("RING");
            assertThat(route.path("userId").asText()).isEqualTo(kariId);
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(syncHealth(adminToken(), "acme", kariId).path("state").asText()).isEqualTo("OK"));
    }

    @Test
    @Order(6)
    void aMeetingSendsCallsToVoicemailFromItsStartUntilItsEndThenTheyRingAgain() {
        Instant start = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plusSeconds(20);
        String itemId = exchange.appointment(KARI, start, end, "Busy");

        List<Observation> observations = new ArrayList<>();
        while (Instant.now().isBefore(end.plusSeconds(4))) {
            Instant askedAt = Instant.now();
            JsonNode route = route(KARI_MOBILE).body();
            observations.add(new Observation(askedAt, route.path("state").asText(), route.path("action").asText(), route));
            sleep(50);
        }

        Observation firstVoicemail = first(observations, o -> o.action().equals("VOICEMAIL"));
        Observation ringingAgain = first(observations, o -> o.askedAt().isAfter(firstVoicemail.askedAt())
                && o.action().equals("RING"));
        System.out.printf("Meeting %s–%s: voicemail from %s (%d ms after start), ringing again from %s (%d ms after end)%n",
                start, end, firstVoicemail.askedAt(), Duration.between(start, firstVoicemail.askedAt()).toMillis(),
                ringingAgain.askedAt(), Duration.between(end, ringingAgain.askedAt()).toMillis());
        assertThat(observations).filteredOn(o -> o.askedAt().isBefore(start.minusMillis(200)))
                .allSatisfy(o -> assertThat(o.action()).isEqualTo("RING"));
        assertThat(Duration.between(start, firstVoicemail.askedAt())).isBetween(Duration.ofMillis(-200), Duration.ofSeconds(1));
        assertThat(firstVoicemail.route().path("state").asText()).isEqualTo("BUSY");
        assertThat(firstVoicemail.route().path("until").asText()).isEqualTo(end.toString());
        assertThat(firstVoicemail.route().path("reason").path("itemId").asText()).isNotBlank();
        assertThat(observations).filteredOn(o -> !o.askedAt().isBefore(start.plusMillis(200)) && o.askedAt().isBefore(end.minusMillis(200)))
                .isNotEmpty().allSatisfy(o -> assertThat(o.action()).isEqualTo("VOICEMAIL"));
        assertThat(Duration.between(end, ringingAgain.askedAt())).isBetween(Duration.ofMillis(-200), Duration.ofSeconds(1));

        String key = Topics.userKey("acme", kariId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> values = statusEvents.of(key).stream().map(StatusEvents.Event::value).toList();
            assertThat(values).anySatisfy(value -> {
                assertThat(value.path("state").asText()).isEqualTo("BUSY");
                assertThat(value.path("action").asText()).isEqualTo("VOICEMAIL");
                assertThat(value.path("since").asText()).isEqualTo(start.toString());
                assertThat(value.path("until").asText()).isEqualTo(end.toString());
                assertThat(value.path("number").asText()).isEqualTo(KARI_MOBILE);
            });
            assertThat(values).anySatisfy(value -> {
                assertThat(value.path("state").asText()).isEqualTo("AVAILABLE");
                assertThat(value.path("since").asText()).isEqualTo(end.toString());
            });
        });
        List<Long> versions = statusEvents.of(key).stream().map(e -> e.value().path("version").asLong()).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates();
        assertThat(itemId).isNotBlank();
    }

    @Test
    @Order(7)
    void movingAndCancellingAMeetingReachesTheTimelineWithinSeconds() {
        String kari = token(KARI, "employee-password");
        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofMinutes(30));

        Instant created = Instant.now();
        String itemId = exchange.appointment(KARI, start, end, "OOF");
        Duration toCreate = awaitTimeline(kari, created, timeline -> hasInterval(timeline, start, end, "OOF", "FORWARD"));

        Instant moved = Instant.now();
        Instant newStart = start.plus(Duration.ofHours(1));
        Instant newEnd = end.plus(Duration.ofHours(1));
        exchange.update(KARI, itemId, Map.of("start", newStart.toString(), "end", newEnd.toString()));
        Duration toMove = awaitTimeline(kari, moved, timeline -> hasInterval(timeline, newStart, newEnd, "OOF", "FORWARD")
                && !hasInterval(timeline, start, end, "OOF", "FORWARD"));

        Instant cancelled = Instant.now();
        exchange.update(KARI, itemId, Map.of("cancelled", true));
        Duration toCancel = awaitTimeline(kari, cancelled, timeline -> !hasInterval(timeline, newStart, newEnd, "OOF", "FORWARD"));

        System.out.printf("Outlook change → timeline: created %d ms, moved %d ms, cancelled %d ms%n",
                toCreate.toMillis(), toMove.toMillis(), toCancel.toMillis());
        assertThat(List.of(toCreate, toMove, toCancel)).allSatisfy(latency ->
                assertThat(latency).isLessThanOrEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    @Order(8)
    void aDeclinedMeetingRingsAndAnUnansweredInvitationCountsAsTheEmployeeChose() {
        String kari = token(KARI, "employee-password");
        Instant start = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofMinutes(30));
        String itemId = exchange.appointment(KARI, start, end, "Busy");
        awaitTimeline(kari, Instant.now(), timeline -> hasInterval(timeline, start, end, "BUSY", "VOICEMAIL"));

        // Declined in Outlook but kept in the calendar: calls ring.
        Instant declined = Instant.now();
        exchange.update(KARI, itemId, Map.of("meeting", true, "myResponse", "Decline"));
        Duration toDecline = awaitTimeline(kari, declined, timeline -> !hasInterval(timeline, start, end, "BUSY", "VOICEMAIL"));

        // Not answered yet: as shown by default, not at all once Kari chooses so.
        Instant unanswered = Instant.now();
        exchange.update(KARI, itemId, Map.of("myResponse", "NoResponseReceived"));
        Duration toUnanswered = awaitTimeline(kari, unanswered, timeline -> hasInterval(timeline, start, end, "BUSY", "VOICEMAIL"));
        Instant chose = Instant.now();
        Api.Response ignore = Api.put(suite.configUrl() + "/api/v1/me/invitations", kari, Map.of("unanswered", "IGNORE"));
        assertThat(ignore.status()).as("%s", ignore.body()).isEqualTo(200);
        Duration toChoice = awaitTimeline(kari, chose, timeline -> !hasInterval(timeline, start, end, "BUSY", "VOICEMAIL"));

        System.out.printf("Outlook answer → timeline: declined %d ms, unanswered %d ms; Kari's choice → timeline %d ms%n",
                toDecline.toMillis(), toUnanswered.toMillis(), toChoice.toMillis());
        assertThat(List.of(toDecline, toUnanswered)).allSatisfy(latency ->
                assertThat(latency).isLessThanOrEqualTo(Duration.ofSeconds(5)));
        assertThat(Api.put(suite.configUrl() + "/api/v1/me/invitations", kari, Map.of("unanswered", "AS_SHOWN"))
                .status()).isEqualTo(200);
        exchange.update(KARI, itemId, Map.of("cancelled", true));
    }

    @Test
    @Order(9)
    void automaticRepliesSwitchedOnInOutlookSendCallsWhereKariChoseForOutOfOffice() {
        Instant switchedOn = Instant.now();
        exchange.automaticReplies(KARI, Map.of("state", "Enabled", "internalReply", "Jeg er borte",
                "externalReply", "I am away"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode route = route(KARI_MOBILE).body();
            assertThat(route.path("state").asText()).isEqualTo("OOF");
            assertThat(route.path("action").asText()).isEqualTo("FORWARD");
            assertThat(route.path("target").asText()).isEqualTo(FORWARD_TARGET);
            assertThat(route.path("reason").path("source").asText()).isEqualTo("AUTOMATIC_REPLIES");
            assertThat(route.toString()).doesNotContain("Jeg er borte");
        });
        Duration toOn = Duration.between(switchedOn, Instant.now());

        Instant switchedOff = Instant.now();
        exchange.automaticReplies(KARI, Map.of("state", "Disabled"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(route(KARI_MOBILE).body().path("action").asText()).isEqualTo("RING"));
        System.out.printf("Automatic replies → route (poll every 3 s in this suite): on %d ms, off %d ms%n",
                toOn.toMillis(), Duration.between(switchedOff, Instant.now()).toMillis());
    }

    /**
     * Working hours set in Outlook that leave the present out: calls go where Kari chose for "outside working hours",
     * with the reason WORKING_HOURS; back inside them, they ring. The working hours are polled (every 3 s here).
     */
    @Test
    @Order(10)
    void outsideTheWorkingHoursSetInOutlookCallsGoWhereKariChose() {
        String kari = token(KARI, "employee-password");
        assertThat(Api.put(suite.configUrl() + "/api/v1/me/status-settings", kari, Map.of(
                "BUSY", Map.of("action", "VOICEMAIL"),
                "OOF", Map.of("action", "FORWARD", "target", FORWARD_TARGET),
                "TENTATIVE", Map.of("action", "RING"),
                "WORKING_ELSEWHERE", Map.of("action", "SWITCHBOARD"),
                "OUTSIDE_WORKING_HOURS", Map.of("action", "VOICEMAIL"))).status()).isEqualTo(200);
        // Only tomorrow is a working day (in Oslo), so now is outside the working hours.
        String tomorrow = LocalDate.now(OSLO).plusDays(1).getDayOfWeek().name();
        Instant changed = Instant.now();
        exchange.workingHours(KARI, Map.of("timeZone", OSLO.getId(), "periods",
                List.of(Map.of("days", List.of(tomorrow), "startMinute", 480, "endMinute", 960))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode route = route(KARI_MOBILE).body();
            assertThat(route.path("state").asText()).isEqualTo("OUTSIDE_WORKING_HOURS");
            assertThat(route.path("action").asText()).isEqualTo("VOICEMAIL");
            assertThat(route.path("reason").path("source").asText()).isEqualTo("WORKING_HOURS");
        });
        Duration toOutside = Duration.between(changed, Instant.now());

        Instant back = Instant.now();
        exchange.workingHours(KARI, ALWAYS_WORKING);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode route = route(KARI_MOBILE).body();
            assertThat(route.path("state").asText()).isEqualTo("AVAILABLE");
            assertThat(route.path("action").asText()).isEqualTo("RING");
        });
        System.out.printf("Working hours → route (poll every 3 s in this suite): outside %d ms, inside again %d ms%n",
                toOutside.toMillis(), Duration.between(back, Instant.now()).toMillis());
    }

    /**
     * "Why did my call go there?": in a meeting, call control looks up Kari's number for a caller on her priority list
     * (RING) and for anyone else (VOICEMAIL); Kari sees both decisions and why within 5 s, callers masked; the what-if
     * answers the same; her admin sees them only with a reason.
     */
    @Test
    @Order(11)
    void kariSeesWhyEachCallWentWhereItDid() {
        String kari = token(KARI, "employee-password");
        String vip = "+4741234567";
        String stranger = "+4798765432";
        Api.Response listed = Api.put(suite.configUrl() + "/api/v1/me/priority-callers", kari,
                Map.of("numbers", List.of("412 34 567"), "colleagues", false));
        assertThat(listed.status()).as("%s", listed.body()).isEqualTo(200);
        exchange.appointment(KARI, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofMinutes(20)), "Busy");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(route(KARI_MOBILE).body().path("action").asText()).isEqualTo("VOICEMAIL");
            assertThat(route(KARI_MOBILE, vip).body().path("action").asText()).isEqualTo("RING");
        });
        Instant calls = Instant.now();

        JsonNode rang = route(KARI_MOBILE, vip).body();
        JsonNode voicemail = route(KARI_MOBILE, stranger).body();
        Instant looked = Instant.now();

        assertThat(rang.path("action").asText()).isEqualTo("RING");
        assertThat(rang.path("reason").path("ringThrough").asText()).isEqualTo("PRIORITY_CALLER");
        assertThat(voicemail.path("action").asText()).isEqualTo("VOICEMAIL");
        String since = Api.encode(calls.toString());
        JsonNode decisions = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                Api.get(suite.routingUrl() + "/api/v1/me/routes/decisions?since=" + since, kari).body().path("decisions"),
                list -> list.size() == 2);
        System.out.printf("Lookup → Kari's decision log: readable after %d ms%n",
                Duration.between(looked, Instant.now()).toMillis());
        JsonNode newest = decisions.get(0);
        JsonNode older = decisions.get(1);
        assertThat(newest.path("caller").asText()).isEqualTo("…432");
        assertThat(newest.path("action").asText()).isEqualTo("VOICEMAIL");
        assertThat(newest.path("reason").path("source").asText()).isEqualTo("CALENDAR");
        assertThat(newest.path("reason").path("busyType").asText()).isEqualTo("BUSY");
        assertThat(newest.path("text").asText()).contains("fra …432 → talepost: Opptatt i Outlook-avtale");
        assertThat(older.path("caller").asText()).isEqualTo("…567");
        assertThat(older.path("action").asText()).isEqualTo("RING");
        assertThat(older.path("reason").path("ringThrough").asText()).isEqualTo("PRIORITY_CALLER");
        assertThat(older.path("text").asText()).contains("fra …567 → ringer: prioritert innringer");
        assertThat(decisions.toString()).doesNotContain(vip).doesNotContain(stranger);

        JsonNode whatIf = Api.get(suite.routingUrl() + "/api/v1/me/routes/what-if?caller=" + Api.encode(vip) + "&at="
                + Api.encode(Instant.now().plus(Duration.ofMinutes(5)).toString()), kari).body();
        assertThat(whatIf.path("action").asText()).isEqualTo("RING");
        assertThat(whatIf.path("reason").path("ringThrough").asText()).isEqualTo("PRIORITY_CALLER");

        String adminView = suite.routingUrl() + "/api/v1/tenants/acme/users/" + kariId + "/route-decisions?since=" + since;
        Api.Response noReason = Api.get(adminView, adminToken());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.body().path("errors").get(0).path("field").asText()).isEqualTo("reason");
        Api.Response withReason = Api.get(adminView + "&reason=" + Api.encode("Kari asked why (ticket 7)"), adminToken());
        assertThat(withReason.status()).isEqualTo(200);
        assertThat(withReason.body().path("decisions").size()).isEqualTo(2);
    }

    @Test
    @Order(12)
    void anEmployeeWhoOptsOutHasCallsRingNormally() {
        String kari = token(KARI, "employee-password");
        exchange.appointment(KARI, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofMinutes(20)), "Busy");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(route(KARI_MOBILE).body().path("action").asText()).isEqualTo("VOICEMAIL"));

        Api.Response optOut = Api.put(suite.configUrl() + "/api/v1/me/calendar-sync", kari, Map.of("enabled", false));

        assertThat(optOut.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode route = route(KARI_MOBILE).body();
            assertThat(route.path("action").asText()).isEqualTo("RING");
            assertThat(route.path("state").asText()).isEqualTo("AVAILABLE");
        });
    }

    @Test
    @Order(13)
    void anUnEnrolledEmployeeIsNoLongerSyncedNorRouted() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(route(OLA_MOBILE).status()).isEqualTo(200));

        Api.Response unEnrolled = Api.delete(suite.configUrl() + "/api/v1/tenants/acme/users/" + olaId, adminToken());

        assertThat(unEnrolled.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(route(OLA_MOBILE).status()).isEqualTo(404));
        // A read begun before the un-enrolment may still reach Exchange: wait until her count holds still for 3 s.
        AtomicInteger settled = new AtomicInteger(-1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    int now = exchange.requestsFor(OLA);
                    return settled.getAndSet(now) == now;
                });
        int requestsBefore = settled.get();
        exchange.appointment(OLA, Instant.now().plus(Duration.ofHours(2)), Instant.now().plus(Duration.ofHours(3)), "Busy");
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(exchange.requestsFor(OLA)).as("EWS requests for an un-enrolled mailbox")
                        .isEqualTo(requestsBefore));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(statusEvents.of(Topics.userKey("acme", olaId)))
                .anySatisfy(event -> assertThat(event.value()).as("a status tombstone").isNull()));
    }

    @Test
    @Order(14)
    void tenantsNeverSeeEachOther() {
        String fjordAdmin = fjordAdminToken();
        String acmeAdmin = adminToken();
        String per = token(PER, "employee-password");

        assertThat(Api.get(suite.configUrl() + "/api/v1/tenants/acme/users", fjordAdmin).status()).isIn(403, 404);
        assertThat(Api.get(suite.configUrl() + "/api/v1/tenants/acme/users/" + kariId, fjordAdmin).status()).isIn(403, 404);
        assertThat(Api.get(suite.configUrl() + "/api/v1/tenants/acme/exchange", fjordAdmin).status()).isIn(403, 404);
        assertThat(Api.get(suite.configUrl() + "/api/v1/tenants/fjord/users/" + perId, acmeAdmin).status()).isIn(403, 404);
        assertThat(Api.get(suite.syncUrl() + "/api/v1/tenants/acme/sync-health", fjordAdmin).status()).isIn(403, 404);
        assertThat(Api.get(suite.routingUrl() + "/api/v1/tenants/acme/users/" + kariId + "/status", fjordAdmin).status())
                .isIn(403, 404);
        assertThat(Api.get(suite.routingUrl() + "/api/v1/tenants/fjord/users/" + kariId + "/status", fjordAdmin).status())
                .isEqualTo(404);
        JsonNode perStatus = Api.get(suite.routingUrl() + "/api/v1/me/status", per).body();
        assertThat(perStatus.path("userId").asText()).isEqualTo(perId);
        assertThat(perStatus.path("tenantId").asText()).isEqualTo("fjord");
        assertThat(Api.get(suite.routingUrl() + "/api/v1/routes/" + Api.encode(KARI_MOBILE), per).status()).isEqualTo(403);
        assertThat(Api.get(suite.routingUrl() + "/api/v1/tenants/fjord/users/" + perId + "/status", fjordAdmin).status())
                .isEqualTo(200);
    }

    private record Observation(Instant askedAt, String state, String action, JsonNode route) {
    }

    private static Observation first(List<Observation> observations, Predicate<Observation> condition) {
        return observations.stream().filter(condition).findFirst()
                .orElseThrow(() -> new AssertionError("never observed; last: " + observations.get(observations.size() - 1)));
    }

    private static Duration awaitTimeline(String token, Instant changedAt, Predicate<JsonNode> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> condition.test(timeline(token)));
        return Duration.between(changedAt, Instant.now());
    }

    private static JsonNode timeline(String token) {
        Instant now = Instant.now();
        return Api.get(suite.routingUrl() + "/api/v1/me/status/timeline?from=" + now + "&to=" + now.plus(Duration.ofHours(4)),
                token).body();
    }

    private static boolean hasInterval(JsonNode timeline, Instant from, Instant to, String state, String action) {
        for (JsonNode interval : timeline.path("intervals")) {
            if (interval.path("from").asText().equals(from.toString()) && interval.path("to").asText().equals(to.toString())
                    && interval.path("state").asText().equals(state) && interval.path("action").asText().equals(action)) {
                return true;
            }
        }
        return false;
    }

    private static Api.Response saveExchange(String token, String tenant, String username, String password) {
        return Api.put(suite.configUrl() + "/api/v1/tenants/" + tenant + "/exchange", token, Map.of(
                "kind", "EWS", "username", username, "password", password, "ewsUrl", suite.ewsUrl(),
                "domain", tenant + ".example", "exchangeVersion", "Exchange2013_SP1",
                "caCertificatePem", exchange.certificatePem()));
    }

    private static JsonNode testConnection(String token, String tenant, String mailbox) {
        Api.Response result = Api.post(suite.configUrl() + "/api/v1/tenants/" + tenant + "/exchange/test", token,
                Map.of("mailbox", mailbox));
        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        return result.body();
    }

    /** A tenant's numbers as the operator assigns them: two ranges, each from–to. */
    private static Map<String, Object> numbers(String from1, String to1, String from2, String to2) {
        return Map.of("ranges", List.of(Map.of("from", from1, "to", to1), Map.of("from", from2, "to", to2)));
    }

    private static String enrol(String token, String tenant, String email, String mobile, String name) {
        Api.Response created = Api.post(suite.configUrl() + "/api/v1/tenants/" + tenant + "/users", token,
                Map.of("email", email, "mobileNumber", mobile, "displayName", name));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.body().path("syncEnabled").asBoolean()).isFalse();
        return created.text("id");
    }

    private static JsonNode syncHealth(String token, String tenant, String userId) {
        for (JsonNode user : Api.get(suite.syncUrl() + "/api/v1/tenants/" + tenant + "/sync-health", token).body().path("users")) {
            if (user.path("userId").asText().equals(userId)) {
                return user;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Api.Response route(String mobile) {
        return Api.get(suite.routingUrl() + "/api/v1/routes/" + Api.encode(mobile), callControlToken());
    }

    private static Api.Response route(String mobile, String caller) {
        return Api.get(suite.routingUrl() + "/api/v1/routes/" + Api.encode(mobile) + "?caller=" + Api.encode(caller),
                callControlToken());
    }

    /** Call control's token, reused for a few minutes as a real call-control client would (tokens live 15 min). */
    private static String callControlToken() {
        if (callControlToken == null || Instant.now().isAfter(callControlTokenFetched.plus(Duration.ofMinutes(5)))) {
            callControlToken = Api.clientToken(suite.issuer(), "calroute-call-control", "call-control-dev-secret");
            callControlTokenFetched = Instant.now();
        }
        return callControlToken;
    }

    private static String adminToken() {
        return token("admin@acme.example", "admin-password");
    }

    private static String fjordAdminToken() {
        return token("admin@fjord.example", "admin-password");
    }

    private static String token(String username, String password) {
        return Api.token(suite.issuer(), username, password);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
