package com.calroute.config.tenant;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.config.support.TopicReader;
import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.testing.contract.ContractSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The tenant-admin's subject codes and categories: validated field by field, stored, and carried on tenants.v1. */
@QuarkusTest
class CalendarCodesResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static final Map<String, Object> CODES = Map.of(
            "codes", List.of(Map.of("code", "MØT", "busyType", "BUSY"), Map.of("code", " FER ", "busyType", "OOF")),
            "categories", List.of(Map.of("name", "Ferie", "busyType", "OOF", "diverts", true),
                    Map.of("name", "Fokustid", "busyType", "BUSY", "diverts", false),
                    Map.of("name", "Kunde", "busyType", "WORKING_ELSEWHERE")));

    @Test
    void theTenantAdminDefinesCodesAndCategoriesAndTheyReachTenantsV1() {
        String tenant = Api.createTenant("codes");
        String admin = TestTokens.tenantAdmin(tenant);
        as(admin).get("/api/v1/tenants/" + tenant + "/calendar-codes").then().statusCode(200)
                .body("codes", equalTo(List.of())).body("categories", equalTo(List.of()));

        as(admin).body(CODES).put("/api/v1/tenants/" + tenant + "/calendar-codes").then().statusCode(200)
                .body("codes.code", equalTo(List.of("MØT", "FER")))
                .body("categories.name", equalTo(List.of("Ferie", "Fokustid", "Kunde")))
                .body("categories.diverts", equalTo(List.of(true, false, true)));
        as(admin).body(CODES).put("/api/v1/tenants/" + tenant + "/calendar-codes").then().statusCode(200);
        as(TestTokens.operator()).get("/api/v1/tenants/" + tenant + "/calendar-codes").then().statusCode(200)
                .body("codes.busyType", equalTo(List.of("BUSY", "OOF")));

        // Created (v1), the codes (v2); the unchanged PUT announces nothing.
        List<TopicReader.Message> messages = TopicReader.read(bootstrap, Topics.TENANTS, tenant::equals,
                list -> list.size() >= 2, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(messages).hasSize(2);
        messages.forEach(m -> ContractSchemas.assertValid(Topics.TENANTS, m.value()));
        JsonNode codes = ContractSchemas.tree(messages.get(1).value()).get("itemCodes");
        assertThat(codes.toString()).isEqualTo("{\"codes\":[{\"code\":\"MØT\",\"busyType\":\"BUSY\"},"
                + "{\"code\":\"FER\",\"busyType\":\"OOF\"}],\"categories\":[{\"name\":\"Ferie\",\"busyType\":\"OOF\","
                + "\"diverts\":true},{\"name\":\"Fokustid\",\"busyType\":\"BUSY\",\"diverts\":false},{\"name\":\"Kunde\","
                + "\"busyType\":\"WORKING_ELSEWHERE\",\"diverts\":true}]}");
    }

    @Test
    void badEntriesAreNamedFieldByFieldAndNothingIsStoredOrAnnounced() {
        String tenant = Api.createTenant("badcodes");
        String admin = TestTokens.tenantAdmin(tenant);
        as(admin).body(Map.of("codes", List.of(Map.of("code", "SYK", "busyType", "OOF"))))
                .put("/api/v1/tenants/" + tenant + "/calendar-codes").then().statusCode(200);

        problem(as(admin).body(Map.of(
                        "codes", List.of(Map.of("code", "MØT:", "busyType", "BUSY"), Map.of("code", "møt", "busyType", "BUSY"),
                                Map.of("code", "M T", "busyType", "BUSY"), Map.of("code", "OK", "busyType", "FREE"),
                                Map.of("code", "ABCDEFGHIJK", "busyType", "MEETING"), Map.of("busyType", "BUSY"),
                                Map.of("code", "DUP", "busyType", "BUSY"), Map.of("code", "dup", "busyType", "OOF")),
                        "categories", List.of(Map.of("name", "Ferie\u0007", "busyType", "OOF"),
                                Map.of("name", "x".repeat(256), "busyType", "OOF"), Map.of("name", "Kunde")))).put(
                        "/api/v1/tenants/" + tenant + "/calendar-codes").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItems("codes[0].code", "codes[2].code", "codes[3].busyType", "codes[4].code",
                        "codes[4].busyType", "codes[5].code", "codes[7].code", "categories[0].name", "categories[1].name",
                        "categories[2].busyType"))
                .body("errors.find { it.field == 'codes[0].code' }.code", equalTo("invalid-subject-code"))
                .body("errors.find { it.field == 'codes[3].busyType' }.code", equalTo("not-allowed-value"))
                .body("errors.find { it.field == 'codes[3].busyType' }.params.allowed",
                        equalTo("TENTATIVE,BUSY,OOF,WORKING_ELSEWHERE"))
                .body("errors.find { it.field == 'codes[4].code' }.code", equalTo("too-long"))
                .body("errors.find { it.field == 'codes[5].code' }.code", equalTo("required"))
                .body("errors.find { it.field == 'codes[7].code' }.code", equalTo("duplicate"))
                .body("errors.find { it.field == 'categories[0].name' }.code", equalTo("control-characters"))
                .body("errors.find { it.field == 'categories[1].name' }.code", equalTo("too-long"))
                .body("errors.find { it.field == 'categories[2].busyType' }.code", equalTo("required"));
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(Map.of("code", "C" + i, "busyType", "BUSY"));
        }
        problem(as(admin).body(Map.of("codes", tooMany)).put("/api/v1/tenants/" + tenant + "/calendar-codes").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("codes"))
                .body("errors[0].code", equalTo("too-many")).body("errors[0].params.max", equalTo("50"));
        problem(as(admin).body(Map.of("codes", List.of(), "labels", List.of()))
                .put("/api/v1/tenants/" + tenant + "/calendar-codes").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("labels"));

        as(admin).get("/api/v1/tenants/" + tenant + "/calendar-codes").then()
                .body("codes.code", equalTo(List.of("SYK"))).body("categories", equalTo(List.of()));
        // Created (v1), SYK (v2); every refusal announced nothing.
        List<TopicReader.Message> messages = TopicReader.read(bootstrap, Topics.TENANTS, tenant::equals,
                list -> list.size() >= 2, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(messages).hasSize(2);
    }

    @Test
    void onlyTheTenantsOwnAdminChangesThem() {
        String tenant = Api.createTenant("owncodes");
        String other = Api.createTenant("othercodes");
        problem(as(TestTokens.tenantAdmin(other)).get("/api/v1/tenants/" + tenant + "/calendar-codes").then(), 404,
                ProblemTypes.NOT_FOUND);
        problem(as(TestTokens.tenantAdmin(other)).body(CODES).put("/api/v1/tenants/" + tenant + "/calendar-codes")
                .then(), 404, ProblemTypes.NOT_FOUND);
        problem(as(TestTokens.employee(tenant, "kari@acme.no")).body(CODES)
                .put("/api/v1/tenants/" + tenant + "/calendar-codes").then(), 403, ProblemTypes.FORBIDDEN);
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/calendar-codes").then()
                .body("codes", equalTo(List.of()));
    }
}
