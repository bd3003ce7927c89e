package com.calroute.routing.api;

import com.calroute.contracts.Topics;
import com.calroute.routing.support.Messages;
import com.calroute.routing.support.Producers;
import com.calroute.testing.kafka.KafkaTestResource;
import com.calroute.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Subject codes, categories and the caller's announcement through the running service on the real broker: the
 * tenant's code meanings from tenants.v1, the matched code on calendar.v1, the announcement switch from users.v1.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CodesAndAnnouncementsTest {

    static final String TENANT = "acme-codes";
    static final String ENGLISH_TENANT = "acme-codes-en";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String CANARY = "CANARY-subject-7f3a";

    static Producers producer;
    static com.calroute.routing.support.TopicWatcher status;
    static Instant start;
    static Instant end;

    @BeforeAll
    static void seed() {
        producer = new Producers(TestKafka.bootstrapServers());
        status = new com.calroute.routing.support.TopicWatcher(TestKafka.bootstrapServers(), Topics.STATUS);
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        end = start.plusSeconds(3600);
        // The sample tenant's codes: MØT→BUSY, FER→OOF, SYK→OOF; categories Ferie (OOF, diverts), Fokustid (BUSY, shows).
        producer.send(Topics.TENANTS, TENANT, Messages.tenant(TENANT, "+4722000100", 1));
        producer.send(Topics.TENANTS, ENGLISH_TENANT, Messages.tenantIn(ENGLISH_TENANT, "+4722000200", "GB", 1));
        enrol(TENANT, "siri", "+4791235001", "Siri Fjell", true,
                Messages.codedItem("fer", start, end, "FREE", "FER", ":", null));
        enrol(TENANT, "per", "+4791235002", "Per Berg", true,
                Messages.codedItem("mot", start, end, "BUSY", "MØT", ";", null));
        enrol(TENANT, "ola", "+4791235003", "Ola Quiet", false,
                Messages.codedItem("ferie", start, end, "TENTATIVE", null, null, "Ferie"));
        ObjectNode shared = Messages.item("shared", start, end, "BUSY");
        shared.put("subject", CANARY);
        enrol(TENANT, "eva", "+4791235004", "Eva Dal", true, shared);
        enrol(ENGLISH_TENANT, "jane", "+4791235005", "Jane Doe", true,
                Messages.codedItem("syk", start, end, "BUSY", "SYK", ":", null));
    }

    private static void enrol(String tenant, String userId, String number, String name, boolean announcement,
                              ObjectNode item) {
        producer.send(Topics.USERS, tenant + "/" + userId, Messages.userAnnouncing(tenant, userId, number,
                userId + "@acme.no", name, announcement, 1));
        producer.send(Topics.CALENDAR, tenant + "/" + userId, Messages.calendar(tenant, userId, 1, item));
    }

    @AfterAll
    static void close() {
        status.close();
        producer.close();
    }

    private static Response lookup(String number, String expectedState) {
        await().atMost(PATIENCE).until(() -> given().get("/q/health/ready").statusCode() == 200);
        return await().atMost(PATIENCE).until(() -> given().get("/api/v1/routes/" + number),
                r -> r.statusCode() == 200 && expectedState.equals(r.path("state")));
    }

    /** How the end reads in Oslo: the announcement ends with it whether it ends today or another day. */
    private static String endInOslo() {
        return DateTimeFormatter.ofPattern("HH:mm").format(end.atZone(ZoneId.of("Europe/Oslo")));
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void aDivertingCodeMakesAFreeItemTheCodesBusyTypeAndTheCallerHearsItInBokmal() {
        Response response = lookup("+4791235001", "OOF");
        response.then().body("action", equalTo("FORWARD")).body("target", equalTo("+4790000000"))
                .body("until", equalTo(end.toString()))
                .body("reason.source", equalTo("CALENDAR")).body("reason.busyType", equalTo("OOF"))
                .body("reason.subjectCode", equalTo("FER")).body("reason.showOnly", nullValue());
        String announcement = response.path("announcement");
        assertThat(announcement).startsWith("Siri Fjell er borte til ").endsWith(endInOslo());
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void aShowOnlyCodeShowsTheStateWhileTheCallRings() throws Exception {
        Response response = lookup("+4791235002", "BUSY");
        response.then().body("action", equalTo("RING")).body("target", nullValue())
                .body("reason.subjectCode", equalTo("MØT")).body("reason.showOnly", equalTo(true));
        String announcement = response.path("announcement");
        assertThat(announcement).startsWith("Per Berg er i møte til ").endsWith(endInOslo());
        // The published status says the same, and never carries the announcement.
        String published = await().atMost(PATIENCE).until(() -> {
            var events = status.forKey(TENANT + "/per");
            return events.isEmpty() ? null : events.get(events.size() - 1).value();
        }, value -> value != null && value.contains("\"state\":\"BUSY\""));
        com.fasterxml.jackson.databind.JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(published);
        assertThat(event.path("action").asText()).isEqualTo("RING");
        assertThat(event.path("reason").path("subjectCode").asText()).isEqualTo("MØT");
        assertThat(event.path("reason").path("showOnly").asBoolean()).isTrue();
        assertThat(published).doesNotContain("announcement");
        com.calroute.testing.contract.ContractSchemas.assertValid(Topics.STATUS, published);
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void aDivertingCategoryRoutesAndAnEmployeeWhoTurnedTheAnnouncementOffIsNeverAnnounced() {
        Response response = lookup("+4791235003", "OOF");
        response.then().body("action", equalTo("FORWARD")).body("reason.category", equalTo("Ferie"));
        assertThat(response.as(Map.class)).doesNotContainKey("announcement");
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void anEnglishTenantsCallersHearEnglish() {
        Response response = lookup("+4791235005", "OOF");
        String announcement = response.path("announcement");
        assertThat(announcement).startsWith("Jane Doe is away until ").endsWith(endInOslo());
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void theAnnouncementNeverCarriesASubjectEvenOneTheTenantShares() {
        Response response = lookup("+4791235004", "BUSY");
        String announcement = response.path("announcement");
        assertThat(announcement).startsWith("Eva Dal er i møte til ").doesNotContain(CANARY);
    }
}
