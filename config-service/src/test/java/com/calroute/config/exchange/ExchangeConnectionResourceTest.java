package com.calroute.config.exchange;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ExchangeConnectionResourceTest {

    static Map<String, Object> ews(String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "EWS");
        body.put("username", "svc-calroute");
        body.put("password", "S3cret-Passw0rd!");
        body.put("ewsUrl", url);
        body.put("domain", "acme.no");
        body.put("exchangeVersion", "Exchange2013_SP1");
        return body;
    }

    static Map<String, Object> graph() {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "GRAPH");
        body.put("entraTenantId", "6f1b2c3d-1111-4222-8333-944455556666");
        body.put("clientId", "0a1b2c3d-aaaa-4bbb-8ccc-dddddddddddd");
        body.put("clientSecret", "graph-client-secret-value");
        return body;
    }

    @Test
    void savesAnEwsConnectionAndNeverShowsThePassword() {
        String tenant = Api.createTenant("ews");
        as(TestTokens.tenantAdmin(tenant)).body(ews("https://mail.acme.no/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200)
                .body("kind", equalTo("EWS"))
                .body("passwordSet", equalTo(true))
                .body("password", nullValue())
                .body("connectionVersion", equalTo(1))
                .body("warning", nullValue());
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200)
                .body("username", equalTo("svc-calroute"))
                .body("exchangeVersion", equalTo("Exchange2013_SP1"))
                .body(not(containsString("S3cret-Passw0rd!")));
        as(TestTokens.operator()).get("/api/v1/tenants/" + tenant)
                .then().body("connectionKind", equalTo("EWS")).body("connectionVersion", equalTo(1));
    }

    @Test
    void keepsTheStoredSecretOnlyWhileTheKindStaysTheSame() {
        String tenant = Api.createTenant("keep");
        String admin = TestTokens.tenantAdmin(tenant);
        as(admin).body(ews("https://mail.acme.no/ews/exchange.asmx")).put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200);
        Map<String, Object> withoutPassword = ews("https://mail2.acme.no/ews/exchange.asmx");
        withoutPassword.remove("password");
        as(admin).body(withoutPassword).put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200).body("passwordSet", equalTo(true)).body("connectionVersion", equalTo(2));

        Map<String, Object> graphWithoutSecret = graph();
        graphWithoutSecret.remove("clientSecret");
        problem(as(admin).body(graphWithoutSecret).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                400, ProblemTypes.VALIDATION).body("errors.field", hasItem("clientSecret"));
        as(admin).body(graph()).put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200).body("kind", equalTo("GRAPH")).body("clientSecretSet", equalTo(true))
                .body("clientCertificateSet", equalTo(false)).body("passwordSet", nullValue())
                .body("connectionVersion", equalTo(3));
        Map<String, Object> backToEws = ews("https://mail.acme.no/ews/exchange.asmx");
        backToEws.remove("password");
        problem(as(admin).body(backToEws).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                400, ProblemTypes.VALIDATION).body("errors.field", hasItem("password"));
    }

    @Test
    void graphWithACertificateAndEwsWithAPrivateCa() throws Exception {
        String tenant = Api.createTenant("cert");
        Map<String, Object> withCertificate = graph();
        withCertificate.remove("clientSecret");
        withCertificate.put("clientCertificate", resource("/test-graph-client-certificate.pem"));
        withCertificate.put("graphBaseUrl", "https://graph.microsoft.com");
        as(TestTokens.tenantAdmin(tenant)).body(withCertificate).put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200).body("clientCertificateSet", equalTo(true)).body("clientSecretSet", equalTo(false))
                .body(not(containsString("PRIVATE KEY")));
        as(TestTokens.service()).get("/internal/v1/tenants/" + tenant + "/connection")
                .then().statusCode(200).body("clientCertificate", containsString("PRIVATE KEY"))
                .body("graphBaseUrl", equalTo("https://graph.microsoft.com"));

        Map<String, Object> certificateOnly = graph();
        certificateOnly.remove("clientSecret");
        certificateOnly.put("clientCertificate", resource("/test-private-ca.pem"));
        problem(as(TestTokens.tenantAdmin(tenant)).body(certificateOnly).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("clientCertificate"));

        Map<String, Object> onPrem = ews("https://mail.acme.no/ews/exchange.asmx");
        onPrem.put("caCertificatePem", resource("/test-private-ca.pem"));
        as(TestTokens.tenantAdmin(tenant)).body(onPrem).put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200).body("caCertificatePem", containsString("BEGIN CERTIFICATE"))
                .body("kind", equalTo("EWS"));
    }

    private static String resource(String name) throws java.io.IOException {
        try (var in = ExchangeConnectionResourceTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    @Test
    void warnsWhenEwsPointsAtExchangeOnline() {
        String tenant = Api.createTenant("o365");
        as(TestTokens.tenantAdmin(tenant)).body(ews("https://outlook.office365.com/EWS/Exchange.asmx"))
                .put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200).body("warning", containsString("GRAPH"));
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/exchange")
                .then().body("warning", containsString("Calendars.Read"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://mail.acme.no/ews/exchange.asmx",
            "https://169.254.169.254/latest/meta-data",
            "https://127.0.0.1/ews/exchange.asmx",
            "https://localhost/ews/exchange.asmx",
            "https://10.1.2.3/ews/exchange.asmx",
            "https://[::1]/ews/exchange.asmx",
            "https://[fd00::1]/ews/exchange.asmx",
            "https://svc:pw@mail.acme.no/ews/exchange.asmx",
            "https://10.20.30.40:8443/ews/exchange.asmx",
            "ftp://mail.acme.no/ews",
            "not a url",
            "https://0x7f000001/ews/exchange.asmx",
            "https://017700000001/ews/exchange.asmx",
            "https://0x7f.0.0.1/ews/exchange.asmx",
            "https://localhost./ews/exchange.asmx",
            "https://[::127.0.0.1]/ews/exchange.asmx",
            "https://[64:ff9b::a9fe:a9fe]/ews/exchange.asmx",
            "https://198.18.0.1/ews/exchange.asmx",
            "https://192.0.0.8/ews/exchange.asmx"})
    void refusesUnsafeEwsUrlsAndStoresNothing(String url) {
        String tenant = Api.createTenant("ssrf");
        problem(as(TestTokens.tenantAdmin(tenant)).body(ews(url)).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItem("ewsUrl"));
        problem(as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/exchange").then(),
                404, ProblemTypes.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://graph.microsoft.com",
            "https://127.0.0.1",
            "https://localhost:8443",
            "https://169.254.169.254/",
            "https://[fd00::1]",
            "https://app:secret@graph.microsoft.com",
            "not a url",
            "https://0x7f000001",
            "https://graph.microsoft.com."})
    void refusesUnsafeGraphAndLoginBaseUrlsAndStoresNothing(String url) {
        String tenant = Api.createTenant("ssrfg");
        for (String field : new String[] {"graphBaseUrl", "loginBaseUrl"}) {
            Map<String, Object> body = graph();
            body.put(field, url);
            problem(as(TestTokens.tenantAdmin(tenant)).body(body).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                    400, ProblemTypes.VALIDATION)
                    .body("errors.field", hasItem(field));
        }
        problem(as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/exchange").then(),
                404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void operatorAllowancesAreExactHostAndPort() {
        String tenant = Api.createTenant("allow");
        as(TestTokens.tenantAdmin(tenant)).body(ews("https://10.20.30.40/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + tenant + "/exchange").then().statusCode(200);
        as(TestTokens.tenantAdmin(tenant)).body(ews("http://127.0.0.1:8085/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + tenant + "/exchange").then().statusCode(200);
        problem(as(TestTokens.tenantAdmin(tenant)).body(ews("http://127.0.0.1:8086/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + tenant + "/exchange").then(), 400, ProblemTypes.VALIDATION);
    }

    @Test
    void anIpv6AllowanceMatchesTheAddressHoweverItIsSpelled() {
        String tenant = Api.createTenant("allow6");
        as(TestTokens.tenantAdmin(tenant)).body(ews("https://[fd00::5]/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + tenant + "/exchange").then().statusCode(200);
        problem(as(TestTokens.tenantAdmin(tenant)).body(ews("https://[fd00::5]:8443/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + tenant + "/exchange").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItem("ewsUrl"));
    }

    @Test
    void refusesUnknownVersionsKindsAndFieldsOfTheOtherKind() {
        String tenant = Api.createTenant("ver");
        Map<String, Object> office365 = ews("https://mail.acme.no/ews/exchange.asmx");
        office365.put("exchangeVersion", "Office365");
        problem(as(TestTokens.tenantAdmin(tenant)).body(office365).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("exchangeVersion"));
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("kind", "Office365"))
                .put("/api/v1/tenants/" + tenant + "/exchange").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("kind"));
        Map<String, Object> mixed = graph();
        mixed.put("password", "x");
        mixed.put("graphBaseUrl", "https://169.254.169.254/");
        problem(as(TestTokens.tenantAdmin(tenant)).body(mixed).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                400, ProblemTypes.VALIDATION).body("errors.field", hasItem("password")).body("errors.field", hasItem("graphBaseUrl"));
        Map<String, Object> badCa = ews("https://mail.acme.no/ews/exchange.asmx");
        badCa.put("caCertificatePem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----");
        problem(as(TestTokens.tenantAdmin(tenant)).body(badCa).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("caCertificatePem"));
        problem(as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/exchange").then(), 404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void refusesOversizedBodiesWithAProblem() {
        String tenant = Api.createTenant("big");
        Map<String, Object> huge = ews("https://mail.acme.no/ews/exchange.asmx");
        huge.put("caCertificatePem", "x".repeat(300_000));
        problem(as(TestTokens.tenantAdmin(tenant)).body(huge).put("/api/v1/tenants/" + tenant + "/exchange").then(),
                413, ProblemTypes.PAYLOAD_TOO_LARGE);
    }

    @Test
    void acceptsARoundTripOfWhatItShows() {
        String tenant = Api.createTenant("round");
        Map<String, Object> shown = as(TestTokens.tenantAdmin(tenant)).body(ews("https://mail.acme.no/ews/exchange.asmx"))
                .put("/api/v1/tenants/" + tenant + "/exchange").then().statusCode(200).extract().as(Map.class);
        as(TestTokens.tenantAdmin(tenant)).body(shown).put("/api/v1/tenants/" + tenant + "/exchange")
                .then().statusCode(200).body("passwordSet", equalTo(true)).body("updatedAt", notNullValue());
    }
}
