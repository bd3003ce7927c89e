package com.calroute.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer's guide for a company on Office 365, against the whole suite: Exchange Online is reached through
 * Microsoft Graph (the simulator's Graph endpoint over TLS), with an Entra app registration scoped by RBAC for
 * Applications to the enrolled mailbox. The admin saves a GRAPH connection (the secret is never shown again), the
 * connection test fails in plain words for a wrong secret and for a mailbox outside the app's scope and succeeds
 * otherwise; an employee opts in and calls follow the calendar read over Graph.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Office365GuideIT {
    private static final String TENANT = "havblikk";
    private static final String ANNA = "anna@havblikk.example";
    private static final String OUTSIDE = "board@havblikk.example";
    private static final String ANNA_MOBILE = "+4799000101";
    private static final String ENTRA_TENANT = "3c9e1f55-6d2a-4b7e-9f10-2a3b4c5d6e7f";
    private static final String CLIENT_ID = "5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
    private static final String CLIENT_SECRET = "havblikk-graph-secret";

    private static Suite suite;
    private static String simulator;
    private static String graphBase;
    private static String annaId;

    @BeforeAll
    static void startSuiteAndRegisterTheApp() {
        suite = Suite.get();
        simulator = suite.simulatorControlUrl();
        SimulatorControl exchange = new SimulatorControl(simulator);
        for (String own : List.of(ANNA, OUTSIDE)) {
            exchange.forget(own);
        }
        exchange.mailbox(ANNA, "Anna Aas");
        exchange.mailbox(OUTSIDE, "Board room");
        // Scoped by RBAC for Applications, with no tenant-wide permission: the set-up Microsoft recommends.
        Api.Response app = Api.put(simulator + "/graph/apps/" + CLIENT_ID, null, Map.of("tenantId", ENTRA_TENANT,
                "clientSecret", CLIENT_SECRET, "permissions", List.of(), "mailboxScope", List.of(ANNA)));
        assertThat(app.status()).as("%s", app.body()).isEqualTo(200);
        URI ews = URI.create(suite.ewsUrl());
        graphBase = ews.getScheme() + "://" + ews.getHost() + ":" + ews.getPort();
    }

    @Test
    @Order(1)
    void operatorCreatesTheTenantAndTheAdminSavesAGraphConnection() {
        Api.Response created = Api.post(suite.configUrl() + "/api/v1/tenants", token("operator", "operator-password"),
                Map.of("id", TENANT, "name", "Havblikk AS", "switchboardNumber", "+4722000101", "timeZone",
                        "Europe/Oslo", "subjectSharing", false, "numbers", Map.of("ranges", List.of(
                                Map.of("from", "+4722000101", "to", "+4722000101"),
                                Map.of("from", ANNA_MOBILE, "to", ANNA_MOBILE)))));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);

        Api.Response saved = saveGraph("not-the-secret");
        assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
        JsonNode shown = Api.get(suite.configUrl() + "/api/v1/tenants/" + TENANT + "/exchange", admin()).body();
        assertThat(shown.path("kind").asText()).isEqualTo("GRAPH");
        assertThat(shown.path("clientSecretSet").asBoolean()).isTrue();
        assertThat(shown.toString()).doesNotContain("not-the-secret");
    }

    @Test
    @Order(2)
    void theConnectionTestNamesTheFixForAWrongSecretAndAMailboxOutsideTheScope() {
        JsonNode wrongSecret = testConnection(ANNA);
        assertThat(wrongSecret.path("ok").asBoolean()).isFalse();
        assertThat(wrongSecret.path("step").asText()).isEqualTo("TOKEN");
        assertThat(wrongSecret.path("message").asText()).contains("AADSTS7000215").contains("client secret");

        assertThat(saveGraph(CLIENT_SECRET).status()).isEqualTo(200);
        JsonNode outside = testConnection(OUTSIDE);
        assertThat(outside.path("ok").asBoolean()).isFalse();
        assertThat(outside.path("step").asText()).isEqualTo("MAILBOX");
        assertThat(outside.path("message").asText()).contains("New-ManagementRoleAssignment -App " + CLIENT_ID
                + " -Role \"Application Calendars.Read\"");

        JsonNode ok = testConnection(ANNA);
        assertThat(ok.path("ok").asBoolean()).as("%s", ok).isTrue();
        assertThat(ok.path("step").asText()).isEqualTo("OK");
        System.out.printf("Graph connection test: wrong secret: %s%nmailbox outside the scope: %s%n",
                wrongSecret.path("message").asText(), outside.path("message").asText());
    }

    @Test
    @Order(3)
    void anEmployeeOptsInAndCallsFollowTheCalendarReadOverGraph() {
        Instant start = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        Api.Response meeting = Api.post(simulator + "/mailboxes/" + Api.encode(ANNA) + "/appointments", null, Map.of(
                "subject", "Board meeting", "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(),
                "freeBusy", "Busy"));
        assertThat(meeting.status()).isEqualTo(201);
        Api.Response enrolled = Api.post(suite.configUrl() + "/api/v1/tenants/" + TENANT + "/users", admin(),
                Map.of("email", ANNA, "mobileNumber", ANNA_MOBILE, "displayName", "Anna Aas"));
        assertThat(enrolled.status()).as("%s", enrolled.body()).isEqualTo(201);
        annaId = enrolled.text("id");
        String anna = token(ANNA, "employee-password");
        assertThat(Api.put(suite.configUrl() + "/api/v1/me/calendar-sync", anna, Map.of("enabled", true)).status())
                .isEqualTo(200);
        assertThat(Api.put(suite.configUrl() + "/api/v1/me/status-settings", anna, Map.of(
                "BUSY", Map.of("action", "VOICEMAIL"),
                "OOF", Map.of("action", "VOICEMAIL"),
                "TENTATIVE", Map.of("action", "RING"),
                "WORKING_ELSEWHERE", Map.of("action", "SWITCHBOARD"))).status()).isEqualTo(200);

        String callControl = Api.clientToken(suite.issuer(), "calroute-call-control", "call-control-dev-secret");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode route = Api.get(suite.routingUrl() + "/api/v1/routes/" + Api.encode(ANNA_MOBILE), callControl).body();
            assertThat(route.path("userId").asText()).isEqualTo(annaId);
            assertThat(route.path("state").asText()).isEqualTo("BUSY");
            assertThat(route.path("action").asText()).isEqualTo("VOICEMAIL");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode users = Api.get(suite.syncUrl() + "/api/v1/tenants/" + TENANT + "/sync-health", admin()).body()
                    .path("users");
            assertThat(users.get(0).path("state").asText()).isEqualTo("OK");
        });
        JsonNode requests = Api.get(simulator + "/requests?mailbox=" + Api.encode(ANNA)
                + "&operation=Graph.CalendarViewDelta", null).body();
        assertThat(requests.size()).as("the mailbox was read over Graph").isGreaterThan(0);
        JsonNode ewsRequests = Api.get(simulator + "/requests?mailbox=" + Api.encode(ANNA) + "&operation=FindItem", null)
                .body();
        assertThat(ewsRequests.size()).as("and never over EWS").isZero();
    }

    private static Api.Response saveGraph(String secret) {
        return Api.put(suite.configUrl() + "/api/v1/tenants/" + TENANT + "/exchange", admin(), Map.of(
                "kind", "GRAPH", "entraTenantId", ENTRA_TENANT, "clientId", CLIENT_ID, "clientSecret", secret,
                "graphBaseUrl", graphBase, "loginBaseUrl", graphBase,
                "caCertificatePem", new SimulatorControl(simulator).certificatePem()));
    }

    private static JsonNode testConnection(String mailbox) {
        Api.Response result = Api.post(suite.configUrl() + "/api/v1/tenants/" + TENANT + "/exchange/test", admin(),
                Map.of("mailbox", mailbox));
        assertThat(result.status()).as("%s", result.body()).isEqualTo(200);
        return result.body();
    }

    private static String admin() {
        return token("admin@havblikk.example", "admin-password");
    }

    private static String token(String username, String password) {
        return Api.token(suite.issuer(), username, password);
    }
}
