package com.calroute.config.exchange;

import com.calroute.config.support.Api;
import com.calroute.config.support.FakeSyncService;
import com.calroute.config.support.TestTokens;
import com.calroute.config.outbox.OutboxRecord;
import com.calroute.contracts.connection.ConnectionTestStep;
import com.calroute.contracts.connection.DiagnosisCodes;
import com.calroute.contracts.problem.ProblemTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.notNullValue;

/** The live check, against a fake calendar-sync-service that records what it is sent. */
@QuarkusTest
class ConnectionTestEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "calroute.sync-service.url")
    String fakeSyncUrl;

    private String tenantWithConnection(String prefix) {
        String tenant = Api.createTenant(prefix);
        Map<String, Object> connection = ExchangeConnectionResourceTest.ews("https://mail.acme.no/ews/exchange.asmx");
        connection.put("password", "decrypt-me-for-sync");
        as(TestTokens.tenantAdmin(tenant)).body(connection).put("/api/v1/tenants/" + tenant + "/exchange").then().statusCode(200);
        return tenant;
    }

    @Test
    void sendsTheDecryptedConnectionWithAServiceTokenAndRelaysTheResult() throws Exception {
        String tenant = tenantWithConnection("probe");
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "Kari@Acme.no"))
                .post("/api/v1/tenants/" + tenant + "/exchange/test")
                .then().statusCode(200)
                .body("ok", equalTo(true)).body("step", equalTo("OK"))
                .body("serverVersion", equalTo("Exchange2013_SP1"));

        JsonNode request = lastRequestFor(tenant);
        assertThat(request.get("authorization").asText()).isEqualTo("Bearer " + FakeSyncService.ACCESS_TOKEN);
        JsonNode body = JSON.readTree(request.get("body").asText());
        assertThat(body.at("/mailbox").asText()).isEqualTo("kari@acme.no");
        assertThat(body.at("/connection/password").asText()).isEqualTo("decrypt-me-for-sync");
        assertThat(body.at("/connection/ewsUrl").asText()).isEqualTo("https://mail.acme.no/ews/exchange.asmx");
        assertThat(body.at("/connection/kind").asText()).isEqualTo("EWS");
        assertThat(body.at("/connection/connectionVersion").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionTestStep.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
    void namesEveryFailingStepInPlainWords(ConnectionTestStep step) {
        String tenant = tenantWithConnection("step");
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "step-" + step.name().toLowerCase() + "@acme.no"))
                .post("/api/v1/tenants/" + tenant + "/exchange/test")
                .then().statusCode(200)
                .body("ok", equalTo(false))
                .body("step", equalTo(step.name()))
                .body("code", equalTo(DiagnosisCodes.ofStep(step)))
                .body("params", notNullValue())
                .body("message", not(emptyOrNullString()));
    }

    @Test
    void testsACandidateBeforeItIsSavedAndStoresNothing() throws Exception {
        String tenant = tenantWithConnection("candidate");
        String exchange = "/api/v1/tenants/" + tenant + "/exchange";
        Map<String, Object> before = as(TestTokens.tenantAdmin(tenant)).get(exchange).then().statusCode(200)
                .extract().jsonPath().getMap("");
        long tenantVersion = as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant).then()
                .extract().jsonPath().getLong("version");
        long outboxBefore = outboxRecordsOf(tenant);

        // A mistyped password in the form: the candidate fails with the diagnosis, the saved connection still works.
        Map<String, Object> mistyped = ExchangeConnectionResourceTest.ews("https://mail2.acme.no/ews/exchange.asmx");
        mistyped.put("password", "wrong-Passw0rd!");
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "kari@acme.no", "connection", mistyped))
                .post(exchange + "/test")
                .then().statusCode(200)
                .body("ok", equalTo(false)).body("step", equalTo("AUTH")).body("code", equalTo("unauthorized"))
                .body("params.host", equalTo("mail.acme.no"))
                .body(not(containsString("wrong-Passw0rd!")));
        JsonNode sent = JSON.readTree(lastRequestFor(tenant).get("body").asText());
        assertThat(sent.at("/connection/password").asText()).isEqualTo("wrong-Passw0rd!");
        assertThat(sent.at("/connection/ewsUrl").asText()).isEqualTo("https://mail2.acme.no/ews/exchange.asmx");
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "kari@acme.no"))
                .post(exchange + "/test")
                .then().statusCode(200).body("ok", equalTo(true)).body("code", equalTo("ok"));
        assertThat(JSON.readTree(lastRequestFor(tenant).get("body").asText()).at("/connection/password").asText())
                .isEqualTo("decrypt-me-for-sync");

        // An empty password means "the stored one": the candidate's other fields with the saved secret.
        Map<String, Object> keepSecret = ExchangeConnectionResourceTest.ews("https://mail3.acme.no/ews/exchange.asmx");
        keepSecret.put("password", "");
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("connection", keepSecret)).post(exchange + "/test")
                .then().statusCode(200).body("ok", equalTo(true));
        sent = JSON.readTree(lastRequestFor(tenant).get("body").asText());
        assertThat(sent.at("/connection/password").asText()).isEqualTo("decrypt-me-for-sync");
        assertThat(sent.at("/connection/ewsUrl").asText()).isEqualTo("https://mail3.acme.no/ews/exchange.asmx");

        // Nothing changed: the connection, the tenant's version, and no outbox record (no event).
        Map<String, Object> after = as(TestTokens.tenantAdmin(tenant)).get(exchange).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(after).isEqualTo(before);
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant).then().body("version",
                equalTo((int) tenantVersion));
        assertThat(outboxRecordsOf(tenant)).isEqualTo(outboxBefore);
    }

    @Test
    void aCandidateIsValidatedLikeASaveAndNeedsASecretFromSomewhere() {
        String tenant = Api.createTenant("candnew");
        String test = "/api/v1/tenants/" + tenant + "/exchange/test";
        Map<String, Object> noPassword = ExchangeConnectionResourceTest.ews("https://mail.acme.no/ews/exchange.asmx");
        noPassword.put("password", "");
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("connection", noPassword)).post(test).then(),
                400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("connection.password"))
                .body("errors[0].code", equalTo("no-stored-secret"));
        Map<String, Object> bad = ExchangeConnectionResourceTest.ews("http://127.0.0.1/ews/exchange.asmx");
        bad.put("exchangeVersion", "Exchange2016");
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("connection", bad)).post(test).then(),
                400, ProblemTypes.VALIDATION)
                .body("errors.find { it.field == 'connection.ewsUrl' }.code", equalTo("invalid-url"))
                .body("errors.find { it.field == 'connection.exchangeVersion' }.code", equalTo("not-allowed-value"))
                .body(not(containsString("S3cret-Passw0rd!")));
        // A candidate with its own secret needs nothing saved.
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("connection",
                        ExchangeConnectionResourceTest.ews("https://mail.acme.no/ews/exchange.asmx")))
                .post(test).then().statusCode(200).body("ok", equalTo(true));
        problem(as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/exchange").then(),
                404, ProblemTypes.NOT_FOUND);
    }

    private static long outboxRecordsOf(String tenant) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxRecord.count("messageKey like ?1", tenant + "%"));
    }

    @Test
    void keepsTheCheckersOwnWords() {
        String tenant = tenantWithConnection("words");
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "step-dns@acme.no"))
                .post("/api/v1/tenants/" + tenant + "/exchange/test")
                .then().statusCode(200).body("message", equalTo("checker: no such host"));
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "step-impersonation@acme.no"))
                .post("/api/v1/tenants/" + tenant + "/exchange/test")
                .then().statusCode(200).body("message", containsString("ApplicationImpersonation"));
    }

    @Test
    void allowsSixChecksPerMinutePerTenant() {
        String tenant = tenantWithConnection("limit");
        for (int i = 0; i < 6; i++) {
            as(TestTokens.tenantAdmin(tenant)).body(Map.of()).post("/api/v1/tenants/" + tenant + "/exchange/test")
                    .then().statusCode(200);
        }
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of()).post("/api/v1/tenants/" + tenant + "/exchange/test").then(),
                429, ProblemTypes.RATE_LIMITED).header("Retry-After", not(emptyOrNullString()));
        String other = tenantWithConnection("limit2");
        as(TestTokens.tenantAdmin(other)).body(Map.of()).post("/api/v1/tenants/" + other + "/exchange/test")
                .then().statusCode(200);
    }

    @Test
    void saysSoInPlainWordsWhenTheCheckerFailsOrIsUnreachable() {
        String tenant = tenantWithConnection("down");
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "error@acme.no"))
                .post("/api/v1/tenants/" + tenant + "/exchange/test").then(), 503, ProblemTypes.UNAVAILABLE)
                .body("detail", containsString("calendar-sync-service"));
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "drop@acme.no"))
                .post("/api/v1/tenants/" + tenant + "/exchange/test").then(), 503, ProblemTypes.UNAVAILABLE)
                .body("detail", containsString("not reachable"));
    }

    @Test
    void saysSoWhenItCannotSignInToTheIdentityProvider() throws Exception {
        String tenant = tenantWithConnection("nosignin");
        String test = "/api/v1/tenants/" + tenant + "/exchange/test";
        RestAssured.given().baseUri(fakeSyncUrl).post("/_identity?down=true").then().statusCode(200);
        try {
            // The token the OIDC client holds runs out (its expiry is in whole seconds); a new one cannot be had.
            Thread.sleep((FakeSyncService.TOKEN_LIFETIME_SECONDS + 2) * 1000L);
            int before = JSON.readTree(RestAssured.given().baseUri(fakeSyncUrl).get("/_recorded").asString()).size();
            problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of()).post(test).then(), 503, ProblemTypes.UNAVAILABLE)
                    .body("detail", containsString("could not sign in to the Calroute identity provider"))
                    .body(not(containsString("test-client-secret")));
            assertThat(JSON.readTree(RestAssured.given().baseUri(fakeSyncUrl).get("/_recorded").asString()))
                    .as("no call reaches calendar-sync-service without a token").hasSize(before);
        } finally {
            RestAssured.given().baseUri(fakeSyncUrl).post("/_identity?down=false").then().statusCode(200);
        }
        as(TestTokens.tenantAdmin(tenant)).body(Map.of()).post(test).then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void refusesABadMailboxAndATenantWithoutConnection() {
        String tenant = Api.createTenant("noconn");
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("mailbox", "not-an-address"))
                .post("/api/v1/tenants/" + tenant + "/exchange/test").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("mailbox"));
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of())
                .post("/api/v1/tenants/" + tenant + "/exchange/test").then(), 404, ProblemTypes.NOT_FOUND);
    }

    private JsonNode lastRequestFor(String tenant) throws Exception {
        JsonNode all = JSON.readTree(RestAssured.given().baseUri(fakeSyncUrl).get("/_recorded").asString());
        JsonNode last = null;
        for (JsonNode record : all) {
            if (JSON.readTree(record.get("body").asText()).at("/connection/tenantId").asText().equals(tenant)) {
                last = record;
            }
        }
        assertThat(last).as("a request for " + tenant).isNotNull();
        return last;
    }
}
