package com.calroute.config.security;

import com.calroute.config.audit.AuditEntry;
import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.calroute.config.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every refused request leaves an audit entry, also those that never reach an endpoint's own checks: a valid token
 * that carries no role, and paths a scanner tries (encoded NUL, encoded slashes, traversal).
 */
@QuarkusTest
class DeniedRequestAuditTest {

    @Test
    void aTokenWithoutAnyRoleIsRefusedAndAudited() {
        String tenant = Api.createTenant("roleless");
        String token = TestTokens.withoutRoles(tenant);
        as(token).get("/api/v1/tenants/" + tenant).then().statusCode(403);
        as(token).get("/api/v1/me/calendar-sync").then().statusCode(403);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(denials("role-less-subject", tenant))
                .extracting(entry -> entry.target + " " + entry.result)
                .contains("GET /api/v1/tenants/" + tenant + " DENIED_403", "GET /api/v1/me/calendar-sync DENIED_403"));
    }

    @Test
    void oddPathsAreRefusedAndAudited() {
        String tenant = Api.createTenant("oddpaths");
        String admin = TestTokens.tenantAdmin(tenant);
        String nul = "/api/v1/tenants/" + tenant + "%00/users";
        String slash = "/api/v1/tenants/" + tenant + "%2Fusers";
        String traversal = "/api/v1/tenants/%2e%2e/" + tenant;
        for (String path : List.of(nul, slash, traversal)) {
            RestAssured.given().urlEncodingEnabled(false).auth().oauth2(admin).get(path).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(denials("admin-of-" + tenant, tenant)).as("refusals inside an endpoint name the caller")
                    .extracting(entry -> entry.target).containsExactlyInAnyOrder(
                            "GET " + nul, "GET " + slash);
            assertThat(QuarkusTransaction.requiringNew().call(() -> AuditEntry.count(
                    "target = ?1 and result = 'DENIED_404'", "GET " + traversal)))
                    .as("a path that matches no endpoint is audited too").isEqualTo(1);
        });
    }

    private static List<AuditEntry> denials(String subject, String tenant) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>list(
                "subject = ?1 and tenantId = ?2 and result like 'DENIED_%'", subject, tenant));
    }
}
