package com.calroute.config.selfservice;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.config.support.TopicReader;
import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.testing.contract.ContractSchemas;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SelfServiceResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void employeeTurnsSyncOnAndOffOnlyForThemself() {
        String tenant = Api.createTenant("sync");
        String id = Api.enrol(tenant, "kari@acme.no", Api.newMobile(tenant));
        String kari = TestTokens.employee(tenant, "KARI@acme.no");
        as(kari).get("/api/v1/me/calendar-sync").then().statusCode(200).body("enabled", equalTo(false));
        as(kari).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(200).body("enabled", equalTo(true));
        as(kari).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync").then().statusCode(200);
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/users/" + id)
                .then().body("syncEnabled", equalTo(true)).body("version", equalTo(3));
        problem(as(kari).body(Map.of()).put("/api/v1/me/calendar-sync").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("enabled"));
        problem(as(kari).body(Map.of("enabled", "yes please")).put("/api/v1/me/calendar-sync").then(), 400, ProblemTypes.VALIDATION);

        // Enrolled (v1), Kari's login linked at her first call (v2), sync on (v3); the unchanged PUT adds nothing.
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 3);
        assertThat(messages).as("an unchanged PUT publishes nothing").hasSize(3);
        messages.forEach(m -> ContractSchemas.assertValid(Topics.USERS, m.value()));
        assertThat(ContractSchemas.tree(messages.get(2).value()).get("syncEnabled").asBoolean()).isTrue();
    }

    @Test
    void notEnrolledEmployeeIsToldSo() {
        String tenant = Api.createTenant("notenrolled");
        problem(as(TestTokens.employee(tenant, "ghost@acme.no")).body(Map.of("enabled", true))
                .put("/api/v1/me/calendar-sync").then(), 404, ProblemTypes.NOT_FOUND)
                .body("detail", containsString("not enrolled"));
        problem(as(TestTokens.employee(tenant, "ghost@acme.no")).get("/api/v1/me/status-settings").then(),
                404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void statusSettingsDefaultToRingAndValidate() {
        String tenant = Api.createTenant("settings");
        String id = Api.enrol(tenant, "nina@acme.no", Api.newMobile(tenant));
        String nina = TestTokens.employee(tenant, "nina@acme.no");
        as(nina).get("/api/v1/me/status-settings").then().statusCode(200)
                .body("TENTATIVE.action", equalTo("RING")).body("BUSY.action", equalTo("RING"))
                .body("OOF.action", equalTo("RING")).body("WORKING_ELSEWHERE.action", equalTo("RING"));
        as(nina).body(Map.of("BUSY", Map.of("action", "VOICEMAIL"),
                        "OOF", Map.of("action", "FORWARD", "target", "+4790000000"),
                        "WORKING_ELSEWHERE", Map.of("action", "SWITCHBOARD")))
                .put("/api/v1/me/status-settings").then().statusCode(200)
                .body("BUSY.action", equalTo("VOICEMAIL"))
                .body("OOF.target", equalTo("+4790000000"))
                .body("TENTATIVE.action", equalTo("RING"))
                .body("WORKING_ELSEWHERE.target", nullValue());

        problem(as(nina).body(Map.of("OOF", Map.of("action", "FORWARD"))).put("/api/v1/me/status-settings").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("OOF.target"));
        problem(as(nina).body(Map.of("OOF", Map.of("action", "FORWARD", "target", "90000000"))).put("/api/v1/me/status-settings").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("OOF.target"));
        problem(as(nina).body(Map.of("BUSY", Map.of("action", "VOICEMAIL", "target", "+4790000000"))).put("/api/v1/me/status-settings").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("BUSY.target"));
        problem(as(nina).body(Map.of("LUNCH", Map.of("action", "RING"), "BUSY", Map.of("action", "HANG_UP")))
                .put("/api/v1/me/status-settings").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItem("LUNCH")).body("errors.field", hasItem("BUSY.action"));
        problem(as(nina).body("{\"BUSY\": ").put("/api/v1/me/status-settings").then(), 400, ProblemTypes.MALFORMED);
        as(nina).get("/api/v1/me/status-settings").then().body("BUSY.action", equalTo("VOICEMAIL"));

        // Enrolled (v1), linked at Nina's first call (v2), settings (v3).
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 3);
        assertThat(messages).hasSize(3);
        ContractSchemas.assertValid(Topics.USERS, messages.get(2).value());
        assertThat(ContractSchemas.tree(messages.get(2).value()).at("/statusSettings/OOF/target").asText()).isEqualTo("+4790000000");
    }
}
