package com.calroute.config.selfservice;

import com.calroute.config.audit.AuditEntry;
import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.config.support.TopicReader;
import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.testing.contract.ContractSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * An employee is bound to their enrolment by their login (issuer + subject), claimed at the first sign-in whose token
 * has a verified e-mail equal to the enrolled one. After that the binding decides: a login that changes its e-mail to
 * a colleague's does not become the colleague, whether or not the new address is verified.
 */
@QuarkusTest
class LoginLinkTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void employeeWhoChangesTheirEmailToAColleaguesStaysThemself() {
        String tenant = Api.createTenant("takeover");
        String ola = Api.enrol(tenant, "ola@acme.no", Api.newMobile(tenant));
        String kari = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        as(TestTokens.employee(tenant, "ola-login", "ola@acme.no", true))
                .body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(200);

        // Ola edits his login's e-mail to Kari's (who has never signed in); his identity provider did not verify it.
        String olaAsKari = TestTokens.employee(tenant, "ola-login", "kari@acme.no", false);
        as(olaAsKari).body(Map.of("BUSY", Map.of("action", "FORWARD", "target", "+4790000001")))
                .put("/api/v1/me/status-settings").then().statusCode(200);
        as(olaAsKari).get("/api/v1/me/calendar-sync").then().statusCode(200).body("enabled", equalTo(true));

        String admin = TestTokens.tenantAdmin(tenant);
        as(admin).get("/api/v1/tenants/" + tenant + "/users/" + kari).then()
                .body("syncEnabled", equalTo(false)).body("loginLinked", equalTo(false)).body("version", equalTo(1));
        as(admin).get("/api/v1/tenants/" + tenant + "/users/" + ola).then().body("loginLinked", equalTo(true));
        as(TestTokens.employee(tenant, "kari@acme.no")).get("/api/v1/me/status-settings").then().statusCode(200)
                .body("BUSY.action", equalTo("RING"));

        // Even a verified address does not move a bound login to another enrolment.
        as(TestTokens.employee(tenant, "ola-login", "kari@acme.no", true))
                .body(Map.of("enabled", false)).put("/api/v1/me/calendar-sync").then().statusCode(200);
        as(admin).get("/api/v1/tenants/" + tenant + "/users/" + ola).then().body("syncEnabled", equalTo(false));
    }

    @Test
    void anUnverifiedEmailClaimsNothing() {
        String tenant = Api.createTenant("unverified");
        String kari = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        String stranger = TestTokens.employee(tenant, "stranger-login", "kari@acme.no", false);
        problem(as(stranger).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then(),
                403, ProblemTypes.EMAIL_NOT_VERIFIED);
        problem(as(stranger).get("/api/v1/me/status-settings").then(), 403, ProblemTypes.EMAIL_NOT_VERIFIED);
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/users/" + kari).then()
                .body("syncEnabled", equalTo(false)).body("loginLinked", equalTo(false)).body("version", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deniedEntries(tenant, "stranger-login"))
                .as("both refusals are audited").isEqualTo(2));
    }

    @Test
    void aSecondLoginWithTheSameVerifiedEmailIsRefusedUntilTheAdminReleasesTheLink() {
        String tenant = Api.createTenant("secondlogin");
        String kari = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        as(TestTokens.employee(tenant, "kari-login", "Kari@acme.no", true)).get("/api/v1/me/calendar-sync")
                .then().statusCode(200);

        String otherLogin = TestTokens.employee(tenant, "another-login", "kari@acme.no", true);
        problem(as(otherLogin).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then(),
                403, ProblemTypes.LINKED_TO_ANOTHER_LOGIN);

        String admin = TestTokens.tenantAdmin(tenant);
        String link = "/api/v1/tenants/" + tenant + "/users/" + kari + "/login";
        as(admin).get(link).then().statusCode(200).body("linked", equalTo(true)).body("linkedAt", notNullValue());
        as(admin).delete(link).then().statusCode(200).body("linked", equalTo(false)).body("linkedAt", nullValue());
        AuditEntry release = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>find(
                "target = ?1 and action = ?2", "user:" + tenant + "/" + kari, "identity.release").firstResult());
        assertThat(release).as("the release is audited").isNotNull();
        assertThat(release.subject).isEqualTo("admin-of-" + tenant);

        as(otherLogin).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(200);
        problem(as(TestTokens.employee(tenant, "kari-login", "kari@acme.no", true)).get("/api/v1/me/calendar-sync")
                .then(), 403, ProblemTypes.LINKED_TO_ANOTHER_LOGIN);

        // users.v1 announced each step: linked (v2), released (v3), linked to the other login (v4), sync on (v5).
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, kari), 5);
        messages.forEach(m -> ContractSchemas.assertValid(Topics.USERS, m.value()));
        List<JsonNode> values = messages.stream().map(m -> ContractSchemas.tree(m.value())).toList();
        assertThat(values.get(0).get("login").isNull()).isTrue();
        assertThat(values.get(1).get("login").get("subject").asText()).isEqualTo("kari-login");
        assertThat(values.get(1).get("login").get("issuer").asText()).isEqualTo(TestTokens.ISSUER);
        assertThat(values.get(2).get("login").isNull()).isTrue();
        assertThat(values.get(3).get("login").get("subject").asText()).isEqualTo("another-login");
        assertThat(values.get(4).get("syncEnabled").asBoolean()).isTrue();
    }

    @Test
    void changingTheEnrolledEmailReleasesTheLink() {
        String tenant = Api.createTenant("rename");
        String kari = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        as(TestTokens.employee(tenant, "kari-login", "kari@acme.no", true)).get("/api/v1/me/calendar-sync")
                .then().statusCode(200);
        String admin = TestTokens.tenantAdmin(tenant);
        as(admin).body(Map.of("email", "kari.hansen@acme.no")).patch("/api/v1/tenants/" + tenant + "/users/" + kari)
                .then().statusCode(200).body("loginLinked", equalTo(false));
        // The same person signs in with the new, verified address and is linked again.
        as(TestTokens.employee(tenant, "kari-login", "kari.hansen@acme.no", true)).get("/api/v1/me/calendar-sync")
                .then().statusCode(200);
        as(admin).get("/api/v1/tenants/" + tenant + "/users/" + kari).then().body("loginLinked", equalTo(true));
    }

    @Test
    void onlyTheTenantsAdminSeesOrReleasesALink() {
        String tenant = Api.createTenant("linkaccess");
        String other = Api.createTenant("linkaccess-other");
        String kari = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        String link = "/api/v1/tenants/" + tenant + "/users/" + kari + "/login";
        as(TestTokens.tenantAdmin(other)).delete(link).then().statusCode(404);
        as(TestTokens.employee(tenant, "kari@acme.no")).delete(link).then().statusCode(403);
        as(TestTokens.operator()).delete(link).then().statusCode(403);
    }

    private static long deniedEntries(String tenant, String subject) {
        return QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.count("tenantId = ?1 and subject = ?2 and result = 'DENIED_403'", tenant, subject));
    }
}
