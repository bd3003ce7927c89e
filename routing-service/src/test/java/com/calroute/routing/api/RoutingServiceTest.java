package com.calroute.routing.api;

import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.routing.ingest.TopicJson;
import com.calroute.routing.support.Messages;
import com.calroute.routing.support.Producers;
import com.calroute.routing.support.TopicWatcher;
import com.calroute.testing.contract.ContractSchemas;
import com.calroute.testing.kafka.KafkaTestResource;
import com.calroute.testing.kafka.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The running service end to end on the real broker: messages in, lookups and status events out, the timer
 * that publishes a meeting's start with no new input, and the employee's own status, timeline and override.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RoutingServiceTest {

    static final String TENANT = "acme-routing";
    static final String KARI = "kari-0001";
    static final String KARI_NUMBER = "+4791234001";
    static final String OLA = "ola-0002";
    static final String OLA_NUMBER = "+4791234002";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    static Producers producer;
    static TopicWatcher status;
    static Instant meetingStart;
    static Instant meetingEnd;

    @BeforeAll
    static void enrolKariAndOla() {
        producer = new Producers(TestKafka.bootstrapServers());
        status = new TopicWatcher(TestKafka.bootstrapServers(), Topics.STATUS);
        meetingStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        meetingEnd = meetingStart.plusSeconds(3600);
        producer.send(Topics.TENANTS, TENANT, Messages.tenant(TENANT, "+4722000000", 1));
        producer.send(Topics.USERS, TENANT + "/" + KARI, Messages.user(TENANT, KARI, KARI_NUMBER, "Kari@acme.no", 1));
        producer.send(Topics.USERS, TENANT + "/" + OLA, Messages.user(TENANT, OLA, OLA_NUMBER, "ola@acme.no", 1));
        producer.send(Topics.CALENDAR, TENANT + "/" + KARI, Messages.calendar(TENANT, KARI, 1,
                Messages.item("meeting-1", meetingStart, meetingEnd, "BUSY")));
    }

    @AfterAll
    static void close() {
        status.close();
        producer.close();
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void routeLookupAnswersThePublishedShape() {
        awaitReady();
        Response response = await().atMost(PATIENCE).until(() -> given().get("/api/v1/routes/" + KARI_NUMBER),
                r -> r.statusCode() == 200 && "BUSY".equals(r.path("state")));

        response.then().contentType(ContentType.JSON)
                .body("number", equalTo(KARI_NUMBER))
                .body("tenantId", equalTo(TENANT))
                .body("userId", equalTo(KARI))
                .body("action", equalTo("VOICEMAIL"))
                .body("target", nullValue())
                .body("since", equalTo(meetingStart.toString()))
                .body("until", equalTo(meetingEnd.toString()))
                .body("reason.source", equalTo("CALENDAR"))
                .body("reason.busyType", equalTo("BUSY"))
                .body("reason.itemId", equalTo("meeting-1"));
        Map<String, Object> body = response.as(Map.class);
        assertThat(body).containsOnlyKeys("number", "tenantId", "userId", "state", "action", "target", "since",
                "until", "reason", "version");
        assertThat(((Number) body.get("version")).longValue()).isPositive();
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void aLookupFollowsForwardsBetweenColleaguesAndALoopEndsInVoicemail() {
        awaitReady();
        String[][] chain = {{"chain-1", "+4791234011", "+4791234012"}, {"chain-2", "+4791234012", "+4791234013"},
                {"chain-3", "+4791234013", "+4790000000"}, {"loop-1", "+4791234021", "+4791234022"},
                {"loop-2", "+4791234022", "+4791234021"}, {"self-1", "+4791234031", "+4791234031"}};
        for (String[] user : chain) {
            String key = TENANT + "/" + user[0];
            producer.send(Topics.USERS, key, Messages.userForwardingWhenOof(TENANT, user[0], user[1],
                    user[0] + "@acme.no", user[2], 1));
            producer.send(Topics.CALENDAR, key, Messages.calendar(TENANT, user[0], 1,
                    Messages.item("away-" + user[0], meetingStart, meetingEnd, "OOF")));
        }
        await().atMost(PATIENCE).until(() -> given().get("/api/v1/routes/+4791234031").statusCode() == 200
                && "OOF".equals(given().get("/api/v1/routes/+4791234031").path("state")));

        given().get("/api/v1/routes/+4791234011").then().statusCode(200).body("state", equalTo("OOF"))
                .body("action", equalTo("FORWARD")).body("target", equalTo("+4790000000"))
                .body("reason.forwardedVia", equalTo(List.of("+4791234012", "+4791234013")))
                .body("reason.forwardLoop", nullValue());
        given().get("/api/v1/routes/+4791234013").then().body("action", equalTo("FORWARD"))
                .body("target", equalTo("+4790000000")).body("reason.forwardedVia", nullValue());
        given().get("/api/v1/routes/+4791234021").then().statusCode(200).body("state", equalTo("OOF"))
                .body("action", equalTo("VOICEMAIL")).body("target", nullValue())
                .body("reason.forwardLoop", equalTo(true)).body("reason.forwardedVia", equalTo(List.of("+4791234022")));
        given().get("/api/v1/routes/+4791234031").then().body("action", equalTo("VOICEMAIL"))
                .body("reason.forwardLoop", equalTo(true));
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void aPriorityCallerOrAColleagueRingsThroughKarisMeeting_anyoneElseReachesHerVoicemail() {
        awaitReady();
        // Kari (the golden sample's settings) is in a meeting with VOICEMAIL, lists +4741234567 and lets colleagues
        // through; Ola is her colleague, Gro holds a number of another company.
        producer.send(Topics.USERS, "globex-routing/gro", Messages.user("globex-routing", "gro", "+4791234099",
                "gro@globex.no", 1));
        await().atMost(PATIENCE).until(() -> given().get("/api/v1/routes/+4791234099").statusCode() == 200
                && "BUSY".equals(given().get("/api/v1/routes/" + KARI_NUMBER).path("state")));

        given().queryParam("caller", "+4741234567").get("/api/v1/routes/" + KARI_NUMBER).then().statusCode(200)
                .body("state", equalTo("BUSY")).body("action", equalTo("RING")).body("target", nullValue())
                .body("until", equalTo(meetingEnd.toString()))
                .body("reason.source", equalTo("CALENDAR")).body("reason.itemId", equalTo("meeting-1"))
                .body("reason.ringThrough", equalTo("PRIORITY_CALLER"));
        given().queryParam("caller", OLA_NUMBER).get("/api/v1/routes/" + KARI_NUMBER).then().statusCode(200)
                .body("action", equalTo("RING")).body("reason.ringThrough", equalTo("COLLEAGUE"));

        Map<String, Object> without = given().get("/api/v1/routes/" + KARI_NUMBER).as(Map.class);
        for (String other : new String[] {"+4799887766", "+4791234099", ""}) {
            Map<String, Object> body = given().queryParam("caller", other).get("/api/v1/routes/" + KARI_NUMBER)
                    .then().statusCode(200).body("action", equalTo("VOICEMAIL")).extract().as(Map.class);
            assertThat(body).as("caller %s: the answer without a caller", other).isEqualTo(without);
        }
        assertThat((Map<String, Object>) without.get("reason")).doesNotContainKey("ringThrough");

        given().urlEncodingEnabled(false).get("/api/v1/routes/" + KARI_NUMBER + "?caller=+4741234567").then()
                .statusCode(200).body("reason.ringThrough", equalTo("PRIORITY_CALLER"));
        given().queryParam("caller", "41234567").get("/api/v1/routes/" + KARI_NUMBER).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(ProblemTypes.VALIDATION))
                .body("errors[0].field", equalTo("caller")).body("errors[0].code", equalTo("invalid-phone-number"));
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void unknownNumbersAre404AndInvalidNumbers400() {
        awaitReady();
        given().get("/api/v1/routes/+4799999999").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.NOT_FOUND));
        given().get("/api/v1/routes/0047912").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION))
                .body("errors[0].field", equalTo("e164"));
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void aMeetingStartingIn3SecondsIsPublishedWithin1SecondOfItsStartWithNoNewInput() {
        awaitReady();
        String user = "timer-0003";
        String key = TENANT + "/" + user;
        producer.send(Topics.USERS, key, Messages.user(TENANT, user, "+4791234003", "timer@acme.no", 1));
        Instant start = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        producer.send(Topics.CALENDAR, key, Messages.calendar(TENANT, user, 1,
                Messages.item("soon", start, start.plusSeconds(1800), "BUSY")));
        await().atMost(PATIENCE).until(() -> latest(key) != null && latest(key).state().name().equals("AVAILABLE")
                && latest(key).until() != null);
        assertThat(Instant.now()).as("the test set-up itself took less than the 3 s lead").isBefore(start);

        TopicWatcher.Seen flip = await().atMost(PATIENCE).until(
                () -> status.forKey(key).stream().filter(s -> s.value() != null && s.value().contains("\"BUSY\""))
                        .findFirst().orElse(null), s -> s != null);

        long latenessMillis = flip.receivedAtMillis() - start.toEpochMilli();
        System.out.printf("Meeting start published (as received by a consumer) %d ms after the start%n",
                latenessMillis);
        assertThat(latenessMillis).as("published within 1 s of the start").isBetween(0L, 1000L);
        given().get("/api/v1/routes/+4791234003").then().statusCode(200).body("state", equalTo("BUSY"))
                .body("since", equalTo(start.toString()));
        ContractSchemas.assertValid(Topics.STATUS, flip.value());
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void theEndOfTheWorkingDayIsPublishedWithin1SecondWithNoNewInput() {
        awaitReady();
        String user = "hours-0004";
        String key = TENANT + "/" + user;
        producer.send(Topics.USERS, key, Messages.userOutsideWorkingHours(TENANT, user, "+4791234004", "hours@acme.no",
                "VOICEMAIL", 1));
        // Working hours end on a whole minute of their zone's wall clock. A zone whose offset has seconds puts such a
        // minute 3 s ahead, so the test needs no wait for the next minute of UTC: one minute of work, ending then.
        Instant end = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        java.time.ZoneOffset zone = java.time.ZoneOffset.ofTotalSeconds((60 - end.atOffset(java.time.ZoneOffset.UTC)
                .getSecond()) % 60);
        java.time.LocalTime wallClockAtEnd = end.atOffset(zone).toLocalTime();
        int endMinute = wallClockAtEnd.getHour() * 60 + wallClockAtEnd.getMinute();
        endMinute = endMinute == 0 ? 1440 : endMinute;
        producer.send(Topics.CALENDAR, key, Messages.calendarWithWorkingHours(TENANT, user, 1, zone.getId(),
                endMinute - 1, endMinute));
        await().atMost(PATIENCE).until(() -> latest(key) != null && latest(key).state().name().equals("AVAILABLE")
                && end.equals(latest(key).until()));
        assertThat(Instant.now()).as("the test set-up itself took less than the 3 s lead").isBefore(end);

        TopicWatcher.Seen flip = await().atMost(PATIENCE).until(
                () -> status.forKey(key).stream().filter(s -> s.value() != null
                        && s.value().contains("\"OUTSIDE_WORKING_HOURS\"")).findFirst().orElse(null), s -> s != null);

        long latenessMillis = flip.receivedAtMillis() - end.toEpochMilli();
        System.out.printf("End of the working day published (as received by a consumer) %d ms after it%n",
                latenessMillis);
        assertThat(latenessMillis).as("published within 1 s of the end of the working day").isBetween(0L, 1000L);
        ContractSchemas.assertValid(Topics.STATUS, flip.value());
        given().get("/api/v1/routes/+4791234004").then().statusCode(200)
                .body("state", equalTo("OUTSIDE_WORKING_HOURS")).body("action", equalTo("VOICEMAIL"))
                .body("since", equalTo(end.toString())).body("reason.source", equalTo("WORKING_HOURS"));
    }

    @Test
    @TestSecurity(user = "kari", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "email", value = "KARI@acme.no"), @Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-kari@acme.no")})
    void anEmployeeSeesTheirStatusAndTimeline() {
        awaitReady();
        await().atMost(PATIENCE).until(() -> "BUSY".equals(given().get("/api/v1/me/status").path("state")));

        given().get("/api/v1/me/status").then().statusCode(200).body("userId", equalTo(KARI));
        Instant from = meetingStart.minusSeconds(3600);
        Instant to = meetingEnd.plusSeconds(3600);
        given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/me/status/timeline").then().statusCode(200)
                .body("from", equalTo(from.toString()))
                .body("intervals.size()", equalTo(3))
                .body("intervals[1].state", equalTo("BUSY"))
                .body("intervals[1].from", equalTo(meetingStart.toString()))
                .body("intervals[1].to", equalTo(meetingEnd.toString()))
                .body("intervals[1].reason.itemId", equalTo("meeting-1"));
        given().queryParam("from", Instant.now().plus(Duration.ofDays(20)).toString())
                .get("/api/v1/me/status/timeline").then().statusCode(200)
                .body("intervals[0].reason.source", equalTo("UNKNOWN"));
        given().queryParam("from", from.toString()).queryParam("to", from.plus(Duration.ofDays(32)).toString())
                .get("/api/v1/me/status/timeline").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().queryParam("from", to.toString()).queryParam("to", from.toString())
                .get("/api/v1/me/status/timeline").then().statusCode(400).body("type", equalTo(ProblemTypes.VALIDATION));
        given().queryParam("from", "yesterday").get("/api/v1/me/status/timeline").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    @TestSecurity(user = "ola", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "email", value = "ola@acme.no"), @Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-ola@acme.no")})
    void anOverrideBeatsTheCalendarIsPublishedAndCanBeRemoved() {
        awaitReady();
        String key = TENANT + "/" + OLA;
        Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        // Never the user's own number; premium-rate, satellite and (by the tenant's policy on tenants.v1) abroad refused.
        Map<String, String> refusals = Map.of(OLA_NUMBER, "forward-own-number", "+4782012345", "forward-premium-rate",
                "+881612345678", "forward-satellite", "+4611234567", "forward-abroad");
        refusals.forEach((refused, code) -> given().contentType(ContentType.JSON)
                .body(Map.of("action", "FORWARD", "until", until.toString(), "target", refused))
                .put("/api/v1/me/status/override").then().statusCode(400)
                .body("type", equalTo(ProblemTypes.VALIDATION)).body("errors[0].field", equalTo("target"))
                .body("errors[0].code", equalTo(code)));

        // Typed as Norwegians write it (the tenant's country, from tenants.v1), stored and published as E.164.
        given().contentType(ContentType.JSON)
                .body(Map.of("action", "FORWARD", "until", until.toString(), "target", "900 00 001"))
                .put("/api/v1/me/status/override").then().statusCode(200)
                .body("state", equalTo("OVERRIDE")).body("action", equalTo("FORWARD"))
                .body("target", equalTo("+4790000001")).body("until", equalTo(until.toString()))
                .body("reason.source", equalTo("OVERRIDE"));
        await().atMost(PATIENCE).until(() -> latest(key) != null && latest(key).state().name().equals("OVERRIDE"));

        given().delete("/api/v1/me/status/override").then().statusCode(204);
        given().get("/api/v1/me/status").then().statusCode(200).body("state", equalTo("AVAILABLE"));
        await().atMost(PATIENCE).until(() -> latest(key).state().name().equals("AVAILABLE"));
        status.forKey(key).stream().filter(s -> s.value() != null)
                .forEach(s -> ContractSchemas.assertValid(Topics.STATUS, s.value()));
    }

    @Test
    @TestSecurity(user = "ola", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "email", value = "ola@acme.no"), @Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-ola@acme.no")})
    void invalidOverridesAreRejectedWithTheFieldNamed() {
        awaitReady();
        String in2h = Instant.now().plus(Duration.ofHours(2)).toString();
        putOverride(Map.of("action", "FORWARD", "until", in2h)).then().statusCode(400)
                .body("errors[0].field", equalTo("target")).body("errors[0].code", equalTo("required"));
        putOverride(Map.of("action", "FORWARD", "until", in2h, "target", "900 00")).then().statusCode(400)
                .body("errors[0].field", equalTo("target")).body("errors[0].code", equalTo("invalid-phone-number"))
                .body("errors[0].params.country", equalTo("NO"));
        putOverride(Map.of("action", "RING", "until", Instant.now().minusSeconds(60).toString())).then()
                .statusCode(400).body("errors[0].field", equalTo("until")).body("errors[0].code", equalTo("in-the-past"));
        putOverride(Map.of("action", "RING", "until", Instant.now().plus(Duration.ofDays(32)).toString())).then()
                .statusCode(400).body("errors[0].field", equalTo("until")).body("errors[0].code", equalTo("too-far-ahead"))
                .body("errors[0].params.maxDays", equalTo("31"));
        putOverride(Map.of("until", in2h)).then().statusCode(400).body("errors[0].field", equalTo("action"))
                .body("errors[0].code", equalTo("required"));
        given().contentType(ContentType.JSON).body("{\"action\":\"DANCE\"").put("/api/v1/me/status/override").then()
                .statusCode(400).contentType("application/problem+json").body("type", equalTo(ProblemTypes.MALFORMED));
    }

    @Test
    @TestSecurity(user = "admin", roles = "tenant-admin")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT)})
    void aTenantAdminSeesTheirOwnUsersStatus() {
        awaitReady();
        await().atMost(PATIENCE).until(() -> given().get("/api/v1/tenants/" + TENANT + "/users/" + KARI + "/status")
                .statusCode() == 200);
        given().get("/api/v1/tenants/" + TENANT + "/users/" + KARI + "/status").then()
                .body("number", equalTo(KARI_NUMBER));
        given().get("/api/v1/tenants/" + TENANT + "/users/nobody/status").then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND));
    }

    @Test
    @TestSecurity(user = "admin", roles = "tenant-admin")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT)})
    void aTenantAdminSeesTheSwitchboardOfTheirOwnTenantOnly() {
        awaitReady();
        String switchboard = "/api/v1/tenants/" + TENANT + "/status";
        await().atMost(PATIENCE).until(() -> given().get(switchboard).then().extract().path("total") instanceof Integer total
                && total >= 2);
        // Other tests of this class enrol more users of the tenant: look at Kari and Ola, and at the order.
        io.restassured.path.json.JsonPath page = given().queryParam("size", 200).get(switchboard).then().statusCode(200)
                .body("tenantId", equalTo(TENANT))
                .body("items.find { it.userId == '" + KARI + "' }.number", equalTo(KARI_NUMBER))
                .body("items.find { it.userId == '" + KARI + "' }.state", equalTo("BUSY"))
                .body("items.find { it.userId == '" + KARI + "' }.busyType", equalTo("BUSY"))
                .body("items.find { it.userId == '" + KARI + "' }.action", equalTo("VOICEMAIL"))
                .body("items.find { it.userId == '" + KARI + "' }.until", equalTo(meetingEnd.toString()))
                .body("items.find { it.userId == '" + KARI + "' }.nextChange.at", equalTo(meetingEnd.toString()))
                .body("items.find { it.userId == '" + KARI + "' }.nextChange.state", equalTo("AVAILABLE"))
                .extract().jsonPath();
        List<String> states = page.getList("items.state");
        List<String> users = page.getList("items.userId");
        assertThat(states.indexOf("AVAILABLE") < 0 || !states.subList(states.indexOf("AVAILABLE"), states.size())
                .stream().anyMatch(s -> !s.equals("AVAILABLE"))).as("busy users first: " + states).isTrue();
        assertThat(page.getInt("total")).isEqualTo(users.size());
        assertThat(users).contains(KARI, OLA);
        given().queryParam("q", "912 34 002").get(switchboard).then().body("total", equalTo(1))
                .body("items[0].userId", equalTo(OLA));
        given().queryParam("size", 201).get(switchboard).then().statusCode(400)
                .body("errors[0].field", equalTo("size")).body("errors[0].code", equalTo("out-of-range"));
        given().get("/api/v1/tenants/other-tenant/status").then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND));
    }

    @Test
    @TestSecurity(user = "operator", roles = "operator")
    void theOperatorSeesAnyTenantsSwitchboardAndEmployeesNone() {
        awaitReady();
        await().atMost(PATIENCE).until(() -> given().get("/api/v1/tenants/" + TENANT + "/status").then()
                .extract().path("total") instanceof Integer total && total >= 2);
        given().get("/api/v1/tenants/nobody-here/status").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    @TestSecurity(user = "ola", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT)})
    void employeesMayNotSeeTheSwitchboard() {
        given().get("/api/v1/tenants/" + TENANT + "/status").then().statusCode(403);
    }

    static Response putOverride(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/me/status/override");
    }

    static void awaitReady() {
        await().atMost(PATIENCE).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    static StatusMessage latest(String key) {
        var events = status.forKey(key);
        if (events.isEmpty() || events.get(events.size() - 1).value() == null) {
            return null;
        }
        try {
            return TopicJson.mapper().readValue(events.get(events.size() - 1).value(), StatusMessage.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
