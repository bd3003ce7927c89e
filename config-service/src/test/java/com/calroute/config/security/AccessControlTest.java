package com.calroute.config.security;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tenant isolation and roles, endpoint by endpoint: another tenant's ids give 404s, wrong roles 403s, no or bad tokens
 * 401s — all as problems, all audited, and nothing changes.
 */
@QuarkusTest
class AccessControlTest {

    @Inject
    AgroalDataSource dataSource;

    private String tenantA;
    private String tenantB;
    private String userOfB;

    /** An endpoint as method, path and a body that would be valid for it. */
    record Call(String method, String path, Object body) {
    }

    @BeforeEach
    void twoTenants() {
        tenantA = Api.createTenant("iso-a");
        tenantB = Api.createTenant("iso-b");
        Api.enrol(tenantA, "anna@a.no", Api.newMobile(tenantA));
        userOfB = Api.enrol(tenantB, "bob@b.no", Api.newMobile(tenantB));
        as(TestTokens.tenantAdmin(tenantB)).body(Map.of("kind", "EWS", "username", "svc", "password", "pw-of-b",
                "ewsUrl", "https://mail.b.no/ews/exchange.asmx", "exchangeVersion", "Exchange2013_SP1"))
                .put("/api/v1/tenants/" + tenantB + "/exchange").then().statusCode(200);
    }

    private List<Call> tenantAdminCallsOn(String tenant, String userId) {
        Map<String, Object> user = Map.of("email", "new@x.no", "mobileNumber", Api.newMobile(tenant));
        return List.of(
                new Call("GET", "/api/v1/tenants/" + tenant, null),
                new Call("PATCH", "/api/v1/tenants/" + tenant, Map.of("subjectSharing", true)),
                new Call("GET", "/api/v1/tenants/" + tenant + "/exchange", null),
                new Call("PUT", "/api/v1/tenants/" + tenant + "/exchange", Map.of("kind", "EWS", "username", "evil",
                        "password", "x", "ewsUrl", "https://evil.example/ews", "exchangeVersion", "Exchange2013")),
                new Call("POST", "/api/v1/tenants/" + tenant + "/exchange/test", Map.of()),
                new Call("GET", "/api/v1/tenants/" + tenant + "/users", null),
                new Call("POST", "/api/v1/tenants/" + tenant + "/users", user),
                new Call("POST", "/api/v1/tenants/" + tenant + "/users/bulk", List.of(user)),
                new Call("GET", "/api/v1/tenants/" + tenant + "/users/" + userId, null),
                new Call("PATCH", "/api/v1/tenants/" + tenant + "/users/" + userId, Map.of("displayName", "Hacked")),
                new Call("DELETE", "/api/v1/tenants/" + tenant + "/users/" + userId, null),
                new Call("GET", "/api/v1/tenants/" + tenant + "/numbers", null),
                new Call("GET", "/api/v1/tenants/" + tenant + "/calendar-codes", null),
                new Call("PUT", "/api/v1/tenants/" + tenant + "/calendar-codes", Map.of("codes", List.of())));
    }

    private List<Call> operatorCalls(String tenant) {
        return List.of(
                new Call("POST", "/api/v1/tenants", Map.of("id", Api.newTenantId("x"), "name", "X", "switchboardNumber", Api.newNumberBlock().switchboard())),
                new Call("PUT", "/api/v1/tenants/" + tenant + "/numbers", Map.of("ranges", List.of())),
                new Call("GET", "/api/v1/tenants", null),
                new Call("PATCH", "/api/v1/tenants/" + tenant, Map.of("name", "Hacked")),
                new Call("DELETE", "/api/v1/tenants/" + tenant, null),
                new Call("POST", "/api/v1/admin/secrets/re-encrypt", null));
    }

    private List<Call> employeeCalls() {
        return List.of(
                new Call("GET", "/api/v1/me/calendar-sync", null),
                new Call("PUT", "/api/v1/me/calendar-sync", Map.of("enabled", true)),
                new Call("GET", "/api/v1/me/status-settings", null),
                new Call("PUT", "/api/v1/me/status-settings", Map.of("BUSY", Map.of("action", "BUSY"))),
                new Call("GET", "/api/v1/me/priority-callers", null),
                new Call("PUT", "/api/v1/me/priority-callers", Map.of("numbers", List.of("+4741234567"))),
                new Call("GET", "/api/v1/me/announcement", null),
                new Call("PUT", "/api/v1/me/announcement", Map.of("enabled", false)));
    }

    private static Response call(String token, Call call) {
        var request = RestAssured.given().contentType(ContentType.JSON);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (call.body() != null) {
            request.body(call.body());
        }
        return request.request(call.method(), call.path());
    }

    private static void assertProblem(Response response, int status, String type, Call call) {
        assertThat(response.statusCode()).as(call.method() + " " + call.path()).isEqualTo(status);
        assertThat(response.contentType()).as(call.method() + " " + call.path()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).isEqualTo(type);
    }

    @Test
    void aTenantAdminGets404ForEveryEndpointOfAnotherTenant() {
        String adminOfA = TestTokens.tenantAdmin(tenantA);
        for (Call call : tenantAdminCallsOn(tenantB, userOfB)) {
            assertProblem(call(adminOfA, call), 404, ProblemTypes.NOT_FOUND, call);
        }
        // Another tenant's user id under the admin's own tenant is just as invisible.
        for (Call call : tenantAdminCallsOn(tenantA, userOfB).subList(8, 11)) {
            assertProblem(call(adminOfA, call), 404, ProblemTypes.NOT_FOUND, call);
        }
        as(TestTokens.tenantAdmin(tenantB)).get("/api/v1/tenants/" + tenantB + "/users/" + userOfB)
                .then().statusCode(200).body("displayName", equalTo("User bob@b.no"));
        as(TestTokens.tenantAdmin(tenantB)).get("/api/v1/tenants/" + tenantB + "/exchange")
                .then().statusCode(200).body("username", equalTo("svc"));
        as(TestTokens.operator()).get("/api/v1/tenants/" + tenantB).then().statusCode(200)
                .body("subjectSharing", equalTo(false));
        await().atMost(Duration.ofSeconds(10)).until(() -> deniedEntries("GET /api/v1/tenants/" + tenantB + "/users/" + userOfB) >= 1);
    }

    @Test
    void anEmployeeOnlyEverReachesTheirOwnRecord() {
        String bob = TestTokens.employee(tenantB, "bob@b.no");
        // A token claiming bob's e-mail in tenant A finds no one: identity is e-mail *within* the token's tenant.
        String bobInA = TestTokens.employee(tenantA, "bob@b.no");
        as(bobInA).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(404);
        as(bob).get("/api/v1/me/calendar-sync").then().statusCode(200).body("enabled", equalTo(false));
        String anna = TestTokens.employee(tenantA, "anna@a.no");
        as(anna).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(200);
        assertThat(as(bob).get("/api/v1/me/calendar-sync").then().extract().<Boolean>path("enabled")).isFalse();
    }

    @Test
    void employeesAndCallControlCannotUseAdminOrOperatorEndpoints() {
        String employee = TestTokens.employee(tenantA, "anna@a.no");
        String callControl = TestTokens.callControl();
        for (String token : List.of(employee, callControl)) {
            for (Call call : tenantAdminCallsOn(tenantA, userOfB)) {
                assertProblem(call(token, call), 403, ProblemTypes.FORBIDDEN, call);
            }
            for (Call call : operatorCalls(tenantA)) {
                assertProblem(call(token, call), 403, ProblemTypes.FORBIDDEN, call);
            }
            Call internal = new Call("GET", "/internal/v1/tenants/" + tenantB + "/connection", null);
            assertProblem(call(token, internal), 403, ProblemTypes.FORBIDDEN, internal);
        }
        for (Call call : employeeCalls()) {
            assertProblem(call(callControl, call), 403, ProblemTypes.FORBIDDEN, call);
            assertProblem(call(TestTokens.tenantAdmin(tenantA), call), 403, ProblemTypes.FORBIDDEN, call);
        }
        for (Call call : operatorCalls(tenantA)) {
            if (!call.path().endsWith("/" + tenantA) || call.method().equals("DELETE")) {
                assertProblem(call(TestTokens.tenantAdmin(tenantA), call), 403, ProblemTypes.FORBIDDEN, call);
            }
        }
        Call internal = new Call("GET", "/internal/v1/tenants/" + tenantB + "/connection", null);
        assertProblem(call(TestTokens.tenantAdmin(tenantB), internal), 403, ProblemTypes.FORBIDDEN, internal);
        assertProblem(call(TestTokens.operator(), internal), 403, ProblemTypes.FORBIDDEN, internal);
        as(TestTokens.operator()).get("/api/v1/tenants/" + tenantA).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> deniedEntries("POST /api/v1/admin/secrets/re-encrypt") >= 2);
    }

    @Test
    void missingExpiredOrForgedTokensAre401Problems() {
        List<Call> all = new ArrayList<>(tenantAdminCallsOn(tenantB, userOfB));
        all.addAll(operatorCalls(tenantB));
        all.addAll(employeeCalls());
        all.add(new Call("GET", "/internal/v1/tenants/" + tenantB + "/connection", null));
        for (String token : Arrays.asList(null, TestTokens.expiredOperator(), TestTokens.forgedOperator(), "garbage")) {
            for (Call call : all) {
                Response response = call(token, call);
                assertProblem(response, 401, ProblemTypes.UNAUTHENTICATED, call);
                assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            }
        }
        as(TestTokens.operator()).get("/api/v1/tenants/" + tenantB).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> deniedEntries("DELETE /api/v1/tenants/" + tenantB) >= 4);
    }

    private long deniedEntries(String target) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from audit_entry where target = ? and result like 'DENIED_%'")) {
            select.setString(1, target);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
