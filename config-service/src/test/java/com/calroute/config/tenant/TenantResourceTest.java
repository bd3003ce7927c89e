package com.calroute.config.tenant;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.config.audit.AuditEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class TenantResourceTest {

    @Test
    void operatorCreatesAndReadsATenantWithDefaults() {
        String id = Api.newTenantId("acme");
        String switchboard = Api.newNumberBlock().switchboard();
        as(TestTokens.operator())
                .body(Map.of("id", id, "name", "Acme AS", "switchboardNumber", switchboard))
                .post("/api/v1/tenants")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/tenants/" + id))
                .body("id", equalTo(id))
                .body("country", equalTo("NO"))
                .body("timeZone", equalTo("Europe/Oslo"))
                .body("subjectSharing", equalTo(false))
                .body("version", equalTo(1));

        as(TestTokens.operator()).get("/api/v1/tenants/" + id)
                .then().statusCode(200).body("name", equalTo("Acme AS")).body("switchboardNumber", equalTo(switchboard));
        as(TestTokens.tenantAdmin(id)).get("/api/v1/tenants/" + id).then().statusCode(200);

        AuditEntry entry = QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>find("target", "tenant:" + id).firstResult());
        assertThat(entry.action).isEqualTo("tenant.create");
        assertThat(entry.subject).isEqualTo("operator-subject");
        assertThat(entry.roles).isEqualTo("operator");
        assertThat(entry.result).isEqualTo("OK");
        assertThat(entry.occurredAt).isNotNull();
    }

    @Test
    void badTenantFieldsAreNamedAndNothingIsStored() {
        String id = "Bad_Slug";
        problem(as(TestTokens.operator())
                .body(Map.of("id", id, "name", "", "switchboardNumber", "2200", "timeZone", "Mars/Olympus",
                        "country", "Norway"))
                .post("/api/v1/tenants").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItems("id", "name", "switchboardNumber", "timeZone", "country"))
                .body("errors.find { it.field == 'id' }.code", equalTo("invalid-tenant-id"))
                .body("errors.find { it.field == 'name' }.code", equalTo("required"))
                .body("errors.find { it.field == 'switchboardNumber' }.code", equalTo("invalid-phone-number"))
                .body("errors.find { it.field == 'timeZone' }.code", equalTo("invalid-time-zone"))
                .body("errors.find { it.field == 'country' }.code", equalTo("invalid-country"));
        problem(as(TestTokens.operator()).get("/api/v1/tenants/" + id).then(), 404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void numbersAreReadInTheTenantsCountryAndStoredE164() {
        String id = Api.newTenantId("country");
        Api.NumberBlock block = Api.newNumberBlock();
        String national = block.switchboard().substring(3);
        as(TestTokens.operator())
                .body(Map.of("id", id, "name", "Nordlys AS", "switchboardNumber", national.substring(0, 3) + " "
                        + national.substring(3, 5) + " " + national.substring(5),
                        "numbers", Map.of("ranges", List.of(Map.of("from", "0047 " + block.from().substring(3),
                                "to", "+47 " + block.to().substring(3))))))
                .post("/api/v1/tenants")
                .then().statusCode(201).body("switchboardNumber", equalTo(block.switchboard())).body("country", equalTo("NO"));
        as(TestTokens.operator()).get("/api/v1/tenants/" + id + "/numbers")
                .then().statusCode(200).body("ranges[0].from", equalTo(block.from())).body("ranges[0].to", equalTo(block.to()));
        // A tenant in Sweden: Swedish national input; its switchboard change to a Norwegian number stays E.164.
        String se = Api.newTenantId("sweden");
        as(TestTokens.operator())
                .body(Map.of("id", se, "name", "Svea AB", "country", "SE", "switchboardNumber", "08-123 456 70",
                        "numbers", Map.of("ranges", List.of(Map.of("from", "+46812345600", "to", "+46812345699")))))
                .post("/api/v1/tenants")
                .then().statusCode(201).body("switchboardNumber", equalTo("+46812345670")).body("country", equalTo("SE"));
        problem(as(TestTokens.tenantAdmin(se)).body(Map.of("country", "NO")).patch("/api/v1/tenants/" + se).then(),
                403, ProblemTypes.FORBIDDEN);
        as(TestTokens.operator()).body(Map.of("country", "NO")).patch("/api/v1/tenants/" + se)
                .then().statusCode(200).body("country", equalTo("NO")).body("version", equalTo(2));
    }

    @Test
    void duplicateIdIsAConflict() {
        String id = Api.createTenant("dup");
        problem(as(TestTokens.operator())
                .body(Map.of("id", id, "name", "Again", "switchboardNumber", Api.newNumberBlock().switchboard()))
                .post("/api/v1/tenants").then(), 409, ProblemTypes.CONFLICT);
    }

    @Test
    void malformedJsonAndUnknownFieldsAreProblems() {
        problem(as(TestTokens.operator()).body("{\"id\": \"x\", ").post("/api/v1/tenants").then(), 400, ProblemTypes.MALFORMED);
        problem(as(TestTokens.operator())
                .body(Map.of("id", Api.newTenantId("u"), "name", "N", "switchboardNumber", "+4722000000", "colour", "red"))
                .post("/api/v1/tenants").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItem("colour"));
        problem(as(TestTokens.operator()).body("[1,2]").post("/api/v1/tenants").then(), 400, ProblemTypes.MALFORMED);
    }

    @Test
    void operatorPatchesEverythingTenantAdminOnlyTimeZoneAndSubjectSharing() {
        String id = Api.createTenant("patch");
        as(TestTokens.operator()).body(Map.of("name", "Renamed AS", "switchboardNumber", Api.newMobile(id)))
                .patch("/api/v1/tenants/" + id)
                .then().statusCode(200).body("name", equalTo("Renamed AS")).body("version", equalTo(2));
        as(TestTokens.tenantAdmin(id)).body(Map.of("timeZone", "America/New_York", "subjectSharing", true))
                .patch("/api/v1/tenants/" + id)
                .then().statusCode(200).body("timeZone", equalTo("America/New_York")).body("subjectSharing", equalTo(true))
                .body("version", equalTo(3));
        problem(as(TestTokens.tenantAdmin(id)).body(Map.of("name", "Mine now")).patch("/api/v1/tenants/" + id).then(),
                403, ProblemTypes.FORBIDDEN);
        problem(as(TestTokens.tenantAdmin(id)).body(Map.of("timeZone", "Nowhere/Land")).patch("/api/v1/tenants/" + id).then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("timeZone"));
        as(TestTokens.operator()).get("/api/v1/tenants/" + id).then().body("name", equalTo("Renamed AS")).body("version", equalTo(3));
    }

    @Test
    void listIsPagedForTheOperator() {
        Api.createTenant("list");
        as(TestTokens.operator()).queryParam("size", 1).get("/api/v1/tenants")
                .then().statusCode(200).body("size", equalTo(1)).body("items.size()", equalTo(1));
        problem(as(TestTokens.operator()).queryParam("size", 201).get("/api/v1/tenants").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void pageAndSizeOutOfBoundsAre400sNamingTheField() {
        Api.createTenant("bounds");
        problem(as(TestTokens.operator()).queryParam("page", Integer.MAX_VALUE).queryParam("size", 200)
                .get("/api/v1/tenants").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("page"));
        problem(as(TestTokens.operator()).queryParam("page", "99999999999").get("/api/v1/tenants").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("page"));
        problem(as(TestTokens.operator()).queryParam("size", "ten").get("/api/v1/tenants").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("size"));
        problem(as(TestTokens.operator()).queryParam("page", -1).get("/api/v1/tenants").then(),
                400, ProblemTypes.VALIDATION).body("errors[0].field", equalTo("page"));
    }

    @Test
    void locationIsAPathThatNoForgedHostHeaderReaches() {
        String id = Api.newTenantId("loc");
        String location = as(TestTokens.operator()).header("Host", "evil.example:666")
                .body(Map.of("id", id, "name", "Loc AS", "switchboardNumber", Api.newNumberBlock().switchboard()))
                .post("/api/v1/tenants")
                .then().statusCode(201).extract().header("Location");
        assertThat(location).isEqualTo("/api/v1/tenants/" + id);

        String tenant = Api.createTenant("locusers");
        var enrolled = as(TestTokens.tenantAdmin(tenant)).header("Host", "evil.example:666")
                .body(Map.of("email", "kari@loc.no", "mobileNumber", Api.newMobile(tenant)))
                .post("/api/v1/tenants/" + tenant + "/users")
                .then().statusCode(201).extract();
        assertThat(enrolled.header("Location")).isEqualTo("/api/v1/tenants/" + tenant + "/users/" + enrolled.path("id"));
    }

    @Test
    void aDeletedTenantsIdIsNeverGivenOutAgain() {
        String id = Api.createTenant("retired");
        as(TestTokens.operator()).delete("/api/v1/tenants/" + id).then().statusCode(204);
        problem(as(TestTokens.operator())
                .body(Map.of("id", id, "name", "New customer", "switchboardNumber", Api.newNumberBlock().switchboard()))
                .post("/api/v1/tenants").then(), 409, ProblemTypes.TENANT_ID_RETIRED)
                .body("detail", containsString(id));
        // The old tenant-admin's token (it still carries the id) reaches no tenant.
        problem(as(TestTokens.tenantAdmin(id)).get("/api/v1/tenants/" + id).then(), 404, ProblemTypes.NOT_FOUND);
    }
}
