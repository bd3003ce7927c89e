package com.calroute.ewssim;

import com.calroute.ewssim.control.ControlJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST control and fault API, spoken over HTTP as other modules' tests and the demo do. */
class ControlApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private EwsSimulator simulator;

    @BeforeEach
    void start() {
        simulator = EwsSimulator.builder().httpPort(0).start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.controlUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : ControlJson.MAPPER.readTree(response.body()));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void accountsMailboxesGrantsAndAppointmentsRoundTrip() throws Exception {
        assertThat(call("PUT", "/accounts/" + encode("ACME\\svc-calroute"), "{\"password\":\"pw\",\"maxConcurrency\":5,\"budgetPerSecond\":50,\"burst\":100}").status())
                .isEqualTo(200);
        assertThat(call("PUT", "/accounts/svc-calroute/impersonation/*", null).status()).isEqualTo(204);
        Reply mailbox = call("PUT", "/mailboxes/kari@acme.example", "{\"displayName\":\"Kari\",\"timeZone\":\"Europe/Oslo\"}");
        assertThat(mailbox.json().get("timeZone").asText()).isEqualTo("Europe/Oslo");

        Reply created = call("POST", "/mailboxes/kari@acme.example/appointments", "{\"subject\":\"Weekly\",\"start\":\"2026-12-07T09:00:00+01:00\","
                + "\"end\":\"2026-12-07T10:00:00+01:00\",\"timeZone\":\"Europe/Oslo\",\"freeBusy\":\"Busy\",\"sensitivity\":\"Normal\","
                + "\"recurrence\":{\"pattern\":\"WEEKLY\",\"interval\":1,\"daysOfWeek\":[\"MONDAY\"],\"count\":3}}");
        assertThat(created.status()).isEqualTo(201);
        String itemId = created.json().get("itemId").asText();
        String changeKey = created.json().get("changeKey").asText();
        assertThat(itemId).hasSizeGreaterThan(80);

        Reply patched = call("PATCH", "/mailboxes/kari@acme.example/appointments/" + encode(itemId), "{\"cancelled\":true}");
        assertThat(patched.json().get("changeKey").asText()).isNotEqualTo(changeKey);
        Reply occurrence = call("PATCH", "/mailboxes/kari@acme.example/appointments/" + encode(itemId) + "/occurrences/2026-12-14T08:00:00Z",
                "{\"subject\":\"moved\",\"start\":\"2026-12-14T12:00:00Z\"}");
        assertThat(occurrence.status()).isEqualTo(200);
        assertThat(call("DELETE", "/mailboxes/kari@acme.example/appointments/" + encode(itemId) + "/occurrences/2026-12-21T08:00:00Z", null).status())
                .isEqualTo(204);
        assertThat(call("DELETE", "/mailboxes/kari@acme.example/appointments/" + encode(itemId) + "/occurrences/2026-12-22T08:00:00Z", null).status())
                .isEqualTo(404);

        JsonNode view = call("GET", "/mailboxes/kari@acme.example/calendarview?start=2026-12-01T00:00:00Z&end=2027-01-01T00:00:00Z", null).json();
        assertThat(view).hasSize(2);
        assertThat(view.get(0).get("calendarItemType").asText()).isEqualTo("Occurrence");
        assertThat(view.get(0).get("cancelled").asBoolean()).isTrue();
        assertThat(view.get(1).get("calendarItemType").asText()).isEqualTo("Exception");
        assertThat(view.get(1).get("start").asText()).isEqualTo("2026-12-14T12:00:00Z");

        JsonNode stored = call("GET", "/mailboxes/kari@acme.example/appointments/" + encode(itemId), null).json();
        assertThat(stored.get("deletedOccurrences")).hasSize(1);
        assertThat(call("DELETE", "/mailboxes/kari@acme.example/appointments/" + encode(itemId), null).status()).isEqualTo(204);
        assertThat(call("GET", "/mailboxes/kari@acme.example/appointments", null).json()).isEmpty();
        assertThat(call("DELETE", "/accounts/svc-calroute/impersonation/*", null).status()).isEqualTo(204);
        assertThat(call("GET", "/accounts", null).json().get(0).get("impersonation")).isEmpty();
        assertThat(call("DELETE", "/mailboxes/kari@acme.example", null).status()).isEqualTo(204);
        assertThat(call("GET", "/mailboxes/kari@acme.example", null).status()).isEqualTo(404);
    }

    @Test
    void faultsServerSettingsStatsRequestsAndReset() throws Exception {
        Reply fault = call("POST", "/faults", "{\"account\":\"svc\",\"kind\":\"SERVER_BUSY\",\"backOffMs\":2000,\"count\":3}");
        assertThat(fault.status()).isEqualTo(201);
        assertThat(call("GET", "/faults", null).json().get(0).get("remaining").asInt()).isEqualTo(3);
        assertThat(call("DELETE", "/faults/" + fault.json().get("id").asLong(), null).status()).isEqualTo(204);
        assertThat(call("POST", "/faults", "{\"kind\":\"NOPE\"}").status()).isEqualTo(400);
        assertThat(call("POST", "/faults", "{\"kind\":\"LATENCY\"}").status()).isEqualTo(400);

        JsonNode server = call("PUT", "/server", "{\"serverVersion\":\"Exchange2010_SP2\",\"maxConcurrency\":12,\"heartbeatSeconds\":5,"
                + "\"streamingConnectionTimeoutMinutes\":2}").json();
        assertThat(server.get("serverVersion").asText()).isEqualTo("Exchange2010_SP2");
        assertThat(server.get("maxConcurrency").asInt()).isEqualTo(12);
        assertThat(call("PUT", "/server", "{\"serverVersion\":\"Exchange2003\"}").status()).isEqualTo(400);
        assertThat(call("PUT", "/server", "{\"unknownSetting\":1}").status()).isEqualTo(400);

        assertThat(call("GET", "/stats", null).status()).isEqualTo(200);
        assertThat(call("GET", "/requests?operation=FindItem", null).json()).isEmpty();
        assertThat(call("DELETE", "/requests", null).status()).isEqualTo(204);
        call("PUT", "/mailboxes/x@acme.example", "{}");
        assertThat(call("POST", "/reset", null).status()).isEqualTo(204);
        assertThat(call("GET", "/mailboxes", null).json()).isEmpty();
        assertThat(call("GET", "/nowhere", null).status()).isEqualTo(404);
    }

    @Test
    void theRequestLogRecordsImpersonationAndAnchorAsJson() throws Exception {
        call("PUT", "/accounts/svc", "{\"password\":\"pw\"}");
        call("PUT", "/accounts/svc/impersonation/kari@acme.example", null);
        call("PUT", "/mailboxes/kari@acme.example", "{}");
        RawEws ews = new RawEws(simulator.httpEwsUrl(), "svc", "pw");
        ews.client().send(HttpRequest.newBuilder(URI.create(simulator.httpEwsUrl()))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("svc:pw".getBytes(StandardCharsets.UTF_8)))
                .header("X-AnchorMailbox", "someone.else@acme.example")
                .POST(HttpRequest.BodyPublishers.ofString(RawEws.envelope("kari@acme.example", "Exchange2010_SP2",
                        "<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>"
                                + "<t:DistinguishedFolderId Id=\"calendar\"/></m:FolderIds></m:GetFolder>"))).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode log = call("GET", "/requests?account=svc&mailbox=kari@acme.example&operation=GetFolder", null).json();

        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("anchorMailbox").asText()).isEqualTo("someone.else@acme.example");
        assertThat(log.get(0).get("anchorMatches").asBoolean()).isFalse();
        assertThat(log.get(0).get("responseCode").asText()).isEqualTo("NoError");
        assertThat(log.get(0).get("httpStatus").asInt()).isEqualTo(200);
        assertThat(java.time.Instant.parse(log.get(0).get("at").asText())).isBefore(java.time.Instant.now().plusSeconds(1));
        assertThat(call("GET", "/stats", null).json().get("svc").get("requests").asInt()).isEqualTo(1);
    }

    @Test
    void healthIsUp() throws Exception {
        String base = simulator.controlUrl().replace("/sim/v1", "");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void aScenarioCanBePostedAsYaml() throws Exception {
        String yaml = """
                accounts:
                  - username: svc@acme.example
                    password: pw
                    impersonation: [kari@acme.example]
                mailboxes:
                  - smtp: kari@acme.example
                    timeZone: Europe/Oslo
                    appointments:
                      - subject: soon
                        startIn: PT2H
                        duration: PT30M
                """;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulator.controlUrl() + "/scenario"))
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).header("Content-Type", "application/yaml").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        JsonNode appointments = call("GET", "/mailboxes/kari@acme.example/appointments", null).json();
        assertThat(appointments).hasSize(1);
        assertThat(java.time.Instant.parse(appointments.get(0).get("start").asText()))
                .isBetween(java.time.Instant.now().plusSeconds(7000), java.time.Instant.now().plusSeconds(7300));
        assertThat(call("GET", "/accounts", null).json().get(0).get("username").asText()).isEqualTo("acme.example\\svc");
    }
}
