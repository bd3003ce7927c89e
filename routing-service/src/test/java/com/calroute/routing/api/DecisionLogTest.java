package com.calroute.routing.api;

import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.routing.decisionlog.DecisionLog;
import com.calroute.routing.decisionlog.JdbcDecisionStore;
import com.calroute.routing.decisions.Decision;
import com.calroute.routing.support.Messages;
import com.calroute.routing.support.Producers;
import com.calroute.testing.kafka.KafkaTestResource;
import com.calroute.testing.kafka.TestKafka;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * "Why did my call go there?" on the running service with real Kafka and PostgreSQL: every lookup's decision reaches
 * the log off the lookup path and is readable by the employee within 5 s, callers masked; the tenant admin reads it
 * only with a reason, which is audited; the what-if answers by the lookup's own engine; and a meeting subject never
 * reaches a decision record or the decision API, even where the tenant shares subjects.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DecisionLogTest {

    static final String TENANT = "acme-decisions";
    static final String DINA = "dina-0001";
    static final String DINA_NUMBER = "+4791236001";
    static final String VIP = "+4741234567";
    static final String STRANGER = "+4799999123";
    static final String SHARED_CANARY = "CANARY-shared-subject-7f3a";
    static final String PERSONAL_CANARY = "CANARY-personal-subject-9b1c";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The masked caller of the decisions the retention test writes itself, found by it among Dina's. */
    static final String RETENTION_CALLER = "…321";
    /** The bar: the employee reads a lookup's decision within 5 s of it. */
    static final Duration QUERYABLE_WITHIN = Duration.ofSeconds(5);

    static Producers producer;
    static Instant meetingStart;
    static Instant meetingEnd;
    static Instant personalStart;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    JdbcDecisionStore store;
    @Inject
    DecisionLog log;

    @BeforeAll
    static void enrolDinaInAMeetingWithASharedSubject() {
        producer = new Producers(TestKafka.bootstrapServers());
        meetingStart = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(600);
        meetingEnd = meetingStart.plusSeconds(3600);
        personalStart = meetingEnd.plusSeconds(3600);
        producer.send(Topics.TENANTS, TENANT, Messages.tenant(TENANT, "+4722000000", 1));
        // The golden sample's settings: BUSY → VOICEMAIL, +4741234567 rings through, colleagues too.
        producer.send(Topics.USERS, TENANT + "/" + DINA, Messages.user(TENANT, DINA, DINA_NUMBER, "dina@acme.no", 1));
        // Subjects reach calroute.calendar.v1 only where the tenant shares them: the Normal item's does here.
        producer.send(Topics.CALENDAR, TENANT + "/" + DINA, Messages.calendar(TENANT, DINA, 1,
                Messages.item("meeting-1", meetingStart, meetingEnd, "BUSY").put("subject", SHARED_CANARY),
                Messages.item("personal-1", personalStart, personalStart.plusSeconds(1800), "BUSY")
                        .put("sensitivity", "PERSONAL").put("subject", PERSONAL_CANARY)));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    @TestSecurity(user = "dina", roles = {"employee", "call-control"})
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-dina@acme.no")})
    void theEmployeeSeesEachLookupsDecisionAndWhyWithin5sNewestFirstCallerMasked() {
        awaitDinaInHerMeeting();
        Instant before = Instant.now();

        given().queryParam("caller", VIP).get("/api/v1/routes/" + DINA_NUMBER).then().statusCode(200)
                .body("action", equalTo("RING"));
        given().queryParam("caller", STRANGER).get("/api/v1/routes/" + DINA_NUMBER).then().statusCode(200)
                .body("action", equalTo("VOICEMAIL"));
        Instant looked = Instant.now();

        Response page = await().atMost(QUERYABLE_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> given().header("Accept-Language", "nb-NO").queryParam("since", before.toString())
                        .get("/api/v1/me/routes/decisions"), r -> r.statusCode() == 200
                        && r.jsonPath().getList("decisions").size() == 2);
        assertThat(Duration.between(looked, Instant.now())).isLessThan(QUERYABLE_WITHIN);

        page.then().body("decisions[0].caller", equalTo("…123"))
                .body("decisions[0].number", equalTo(DINA_NUMBER))
                .body("decisions[0].state", equalTo("BUSY"))
                .body("decisions[0].action", equalTo("VOICEMAIL"))
                .body("decisions[0].reason.source", equalTo("CALENDAR"))
                .body("decisions[0].reason.busyType", equalTo("BUSY"))
                .body("decisions[0].reason.from", equalTo(meetingStart.toString()))
                .body("decisions[0].reason.until", equalTo(meetingEnd.toString()))
                .body("decisions[0].reason.ringThrough", nullValue())
                .body("decisions[1].caller", equalTo("…567"))
                .body("decisions[1].action", equalTo("RING"))
                .body("decisions[1].reason.ringThrough", equalTo("PRIORITY_CALLER"));
        String voicemail = page.path("decisions[0].text");
        assertThat(voicemail).contains("fra …123 → talepost: Opptatt i Outlook-avtale");
        assertThat(page.<String>path("decisions[1].text")).contains("fra …567 → ringer: prioritert innringer");
        assertThat(page.asString()).doesNotContain(VIP).doesNotContain(STRANGER).doesNotContain(SHARED_CANARY);

        given().header("Accept-Language", "en").queryParam("since", before.toString())
                .get("/api/v1/me/routes/decisions").then().statusCode(200)
                .body("decisions[0].text", org.hamcrest.Matchers.containsString("from …123 → voicemail: Busy in an Outlook appointment"));
    }

    @Test
    @TestSecurity(user = "dina", roles = {"employee", "call-control"})
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-dina@acme.no")})
    void noMeetingSubjectReachesADecisionRecordOrTheDecisionApiEvenWhereTheTenantSharesIt() throws Exception {
        awaitDinaInHerMeeting();
        // The lookup itself shows the shared subject, as before: the decision taken from it must not keep it.
        given().queryParam("caller", STRANGER).get("/api/v1/routes/" + DINA_NUMBER).then().statusCode(200)
                .body("reason.subject", equalTo(SHARED_CANARY));
        given().get("/api/v1/me/routes/what-if?at=" + personalStart.plusSeconds(60)).then().statusCode(200)
                .body("state", equalTo("BUSY")).body("reason.subject", nullValue());

        await().atMost(QUERYABLE_WITHIN).until(() -> rows(DINA).size() >= 1);
        for (String row : rows(DINA)) {
            assertThat(row).doesNotContain(SHARED_CANARY).doesNotContain(PERSONAL_CANARY).doesNotContain(STRANGER);
        }
        String api = given().queryParam("since", meetingStart.toString()).get("/api/v1/me/routes/decisions").asString();
        assertThat(api).contains("…123").doesNotContain(SHARED_CANARY).doesNotContain(PERSONAL_CANARY);
    }

    @Test
    @TestSecurity(user = "dina", roles = {"employee", "call-control"})
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-dina@acme.no")})
    void whatIfAnswersByTheLookupsEngineAtAnyInstantAndIsNotLogged() throws Exception {
        awaitDinaInHerMeeting();
        String caller = "+4799999777";
        String inMeeting = meetingStart.plusSeconds(60).toString();

        given().queryParam("at", inMeeting).queryParam("caller", VIP).get("/api/v1/me/routes/what-if").then()
                .statusCode(200).body("action", equalTo("RING")).body("state", equalTo("BUSY"))
                .body("reason.ringThrough", equalTo("PRIORITY_CALLER")).body("until", equalTo(meetingEnd.toString()));
        given().queryParam("at", inMeeting).queryParam("caller", caller).get("/api/v1/me/routes/what-if").then()
                .statusCode(200).body("action", equalTo("VOICEMAIL")).body("reason.source", equalTo("CALENDAR"))
                .body("reason.busyType", equalTo("BUSY"));
        given().queryParam("at", meetingEnd.plusSeconds(60).toString()).queryParam("caller", caller)
                .get("/api/v1/me/routes/what-if").then().statusCode(200).body("action", equalTo("RING"))
                .body("reason.source", equalTo("DEFAULT"));
        given().queryParam("at", "tomorrow").queryParam("caller", "12345").get("/api/v1/me/routes/what-if").then()
                .statusCode(400).contentType("application/problem+json").body("type", equalTo(ProblemTypes.VALIDATION))
                .body("errors.field", equalTo(List.of("at", "caller")))
                .body("errors.code", equalTo(List.of("invalid-instant", "invalid-phone-number")));
        given().queryParam("since", "yesterday").get("/api/v1/me/routes/decisions").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("since"));
        // What-if for now answers exactly as the lookup now.
        Map<String, Object> whatIfNow = given().queryParam("caller", caller).get("/api/v1/me/routes/what-if").as(Map.class);
        Map<String, Object> lookup = given().queryParam("caller", caller).get("/api/v1/routes/" + DINA_NUMBER).as(Map.class);
        assertThat(whatIfNow).isEqualTo(lookup);

        // The log is written in order: once the lookup's row is there, any what-if's would be too. Only the lookup's is.
        await().atMost(QUERYABLE_WITHIN).until(() -> !rowsFrom("…777").isEmpty());
        assertThat(rowsFrom("…777")).hasSize(1);
    }

    @Test
    @TestSecurity(user = "admin", roles = "tenant-admin")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "admin-login-1")})
    void theTenantAdminReadsAUsersDecisionsOnlyWithAReasonAndEveryAccessIsAudited() throws Exception {
        String path = "/api/v1/tenants/" + TENANT + "/users/" + DINA + "/route-decisions";
        await().atMost(PATIENCE).until(() -> given().queryParam("reason", "x").get(path).statusCode() == 200);
        int audited = store.accesses(TENANT, DINA).size();

        for (String missing : new String[] {null, "", "   "}) {
            var request = given();
            if (missing != null) {
                request.queryParam("reason", missing);
            }
            request.get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo(ProblemTypes.VALIDATION))
                    .body("errors[0].field", equalTo("reason")).body("errors[0].code", equalTo("required"));
        }
        given().queryParam("reason", "a".repeat(501)).get(path).then().statusCode(400)
                .body("errors[0].field", equalTo("reason")).body("errors[0].code", equalTo("too-long"));
        given().queryParam("reason", "ticket 42").get("/api/v1/tenants/globex/users/" + DINA + "/route-decisions")
                .then().statusCode(404);
        assertThat(store.accesses(TENANT, DINA)).hasSize(audited);

        given().queryParam("reason", "Dina asked why her calls went to voicemail (ticket 42)").get(path).then()
                .statusCode(200).body("decisions", org.hamcrest.Matchers.notNullValue());
        List<JdbcDecisionStore.Access> accesses = store.accesses(TENANT, DINA);
        assertThat(accesses).hasSize(audited + 1);
        assertThat(accesses.get(0).issuer()).isEqualTo(Messages.ISSUER);
        assertThat(accesses.get(0).subject()).isEqualTo("admin-login-1");
        assertThat(accesses.get(0).reason()).isEqualTo("Dina asked why her calls went to voicemail (ticket 42)");
        assertThat(accesses.get(0).at()).isBetween(Instant.now().minusSeconds(30), Instant.now().plusSeconds(1));
    }

    @Test
    void aSubjectCodeOrCategoryAndShowOnlyAreStoredAndReadBack() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Decision coded = new Decision(at, TENANT, "coded-user", "+4791236998", "…321", "BUSY", "RING", null, "CALENDAR",
                "BUSY", at.minusSeconds(600), at.plusSeconds(600), null, false, "MØT", null, true);
        Decision categorised = new Decision(at.plusSeconds(1), TENANT, "coded-user", "+4791236998", "…321", "OOF",
                "VOICEMAIL", null, "CALENDAR", "OOF", null, null, null, false, null, "Ferie", false);
        store.store(List.of(coded, categorised));

        assertThat(store.recent(TENANT, "coded-user", at.minusSeconds(60), 10)).containsExactly(categorised, coded);
    }

    @Test
    void aValueHoldingTheCopyFormatsOwnCharactersIsStoredAsItIs() throws Exception {
        // Tenants name their own categories: a tab, line break or backslash in one must not shift or split the row.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Decision odd = new Decision(at, TENANT, "odd-user", "+4791236997", null, "BUSY", "VOICEMAIL", null,
                "CALENDAR", "BUSY", at.minusSeconds(60), null, null, true, null, "Kunde\tmøte\nLinje 2 \\N \\ æøå\r",
                false);
        Decision plain = new Decision(at.plusSeconds(1), TENANT, "odd-user", "+4791236997", "…997", "AVAILABLE",
                "RING", null, "DEFAULT", null, null, null, null, false);
        store.store(List.of(odd, plain));

        assertThat(store.recent(TENANT, "odd-user", at.minusSeconds(60), 10)).containsExactly(plain, odd);
    }

    @Test
    void instantsAreStoredToTheNearestMicrosecondBeforeAndAfterPostgreSQLsEpoch() throws Exception {
        // The binary COPY sends microseconds since 2000-01-01 itself: an instant before it is a negative count.
        Instant second = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant at = second.plusNanos(123_456_789);
        Decision decision = new Decision(at, TENANT, "epoch-user", "+4791236996", "…996", "OOF", "VOICEMAIL", null,
                "CALENDAR", "OOF", Instant.parse("1999-12-31T23:59:59.9999995Z"),
                Instant.parse("1970-01-01T00:00:00.0000004Z"), null, false);
        store.store(List.of(decision));

        Decision stored = store.recent(TENANT, "epoch-user", at.minusSeconds(60), 10).get(0);
        assertThat(stored.at()).isEqualTo(second.plusNanos(123_457_000));
        assertThat(stored.from()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(stored.until()).isEqualTo(Instant.parse("1970-01-01T00:00:00Z"));
    }

    @Test
    @TestSecurity(user = "dina", roles = {"employee", "call-control"})
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-dina@acme.no")})
    void decisionsPastTheRetentionAreNeverReadAndTheirDayIsDroppedWholeOnceAllOfItHasPassed() throws Exception {
        awaitDinaInHerMeeting();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Decision longGone = decision(DINA, now.minus(Duration.ofDays(32)));
        Decision justPast = decision(DINA, now.minus(Duration.ofDays(30)).minus(Duration.ofMinutes(1)));
        Decision kept = decision(DINA, now.minus(Duration.ofDays(29)));
        store.store(List.of(longGone, justPast, kept));
        String longGoneDay = "route_decisions_" + DateTimeFormatter.BASIC_ISO_DATE.format(
                LocalDate.ofInstant(longGone.at(), ZoneOffset.UTC));
        assertThat(partitionExists(longGoneDay)).isTrue();

        log.purgeExpired();

        assertThat(partitionExists(longGoneDay)).isFalse();
        assertThat(rowsFrom(RETENTION_CALLER)).hasSizeBetween(1, 2).noneMatch(row -> row.contains(
                longGone.at().atOffset(ZoneOffset.UTC).toLocalDate().toString()));
        // Whether or not its day is gone yet, a decision past the retention is never shown, however far back asked.
        Response page = given().queryParam("since", now.minus(Duration.ofDays(400)).toString())
                .get("/api/v1/me/routes/decisions");
        page.then().statusCode(200);
        assertThat(Instant.parse(page.path("since"))).isAfterOrEqualTo(now.minus(Duration.ofDays(30)));
        List<Map<String, Object>> fromRetentionCaller = page.jsonPath().<Map<String, Object>>getList("decisions")
                .stream().filter(d -> RETENTION_CALLER.equals(d.get("caller"))).toList();
        assertThat(fromRetentionCaller).extracting(d -> Instant.parse((String) d.get("at")))
                .containsExactly(kept.at());
    }

    private static Decision decision(String user, Instant at) {
        return new Decision(at, TENANT, user, "+4791236999", RETENTION_CALLER, "BUSY", "VOICEMAIL", null, "CALENDAR", "BUSY",
                null, null, null, false);
    }

    private void awaitDinaInHerMeeting() {
        await().atMost(PATIENCE).until(() -> given().get("/q/health/ready").statusCode() == 200);
        await().atMost(PATIENCE).until(() -> "BUSY".equals(
                given().queryParam("caller", "").get("/api/v1/routes/" + DINA_NUMBER).path("state")));
    }

    /** Dina's stored decisions for calls from a masked caller. */
    private List<String> rowsFrom(String masked) throws Exception {
        return rows(DINA).stream().filter(row -> row.contains("\"caller_masked\": \"" + masked + "\"")).toList();
    }

    private boolean partitionExists(String name) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('" + name + "') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    /** Every stored decision row of a user, as the text of its whole row. */
    private List<String> rows(String user) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_jsonb(d)::text FROM route_decisions d WHERE tenant_id = '"
                     + TENANT + "' AND user_id = '" + user + "'")) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1));
            }
            return rows;
        }
    }
}
