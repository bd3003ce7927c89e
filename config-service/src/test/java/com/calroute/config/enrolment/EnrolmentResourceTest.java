package com.calroute.config.enrolment;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.config.support.TopicReader;
import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.testing.contract.ContractSchemas;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class EnrolmentResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void enrolsAUserWithDefaultsAndPublishesIt() {
        String tenant = Api.createTenant("enrol");
        String mobile = Api.newMobile(tenant);
        String id = as(TestTokens.tenantAdmin(tenant))
                .body(Map.of("email", "Kari@Acme.no", "mobileNumber", mobile, "displayName", "Kari"))
                .post("/api/v1/tenants/" + tenant + "/users")
                .then().statusCode(201)
                .body("email", equalTo("kari@acme.no"))
                .body("mobileNumber", equalTo(mobile))
                .body("displayName", equalTo("Kari"))
                .body("syncEnabled", equalTo(false))
                .extract().path("id");
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/users/" + id)
                .then().statusCode(200).body("version", equalTo(1));

        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 1);
        assertThat(messages).hasSize(1);
        ContractSchemas.assertValid(Topics.USERS, messages.get(0).value());
        assertThat(ContractSchemas.tree(messages.get(0).value()).at("/statusSettings/BUSY/action").asText()).isEqualTo("RING");
    }

    @Test
    void refusesInvalidFieldsAndStoresNothing() {
        String tenant = Api.createTenant("invalid");
        problem(as(TestTokens.tenantAdmin(tenant))
                .body(Map.of("email", "kari@", "mobileNumber", "912 34", "displayName", "x".repeat(201)))
                .post("/api/v1/tenants/" + tenant + "/users").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItems("email", "mobileNumber", "displayName"))
                .body("errors.find { it.field == 'email' }.code", equalTo("invalid-email"))
                .body("errors.find { it.field == 'mobileNumber' }.code", equalTo("invalid-phone-number"))
                .body("errors.find { it.field == 'mobileNumber' }.params.country", equalTo("NO"))
                .body("errors.find { it.field == 'displayName' }.code", equalTo("too-long"))
                .body("errors.find { it.field == 'displayName' }.params.max", equalTo("200"));
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/users")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void listSortsPagesAndCountsAllMatches() {
        String tenant = Api.createTenant("sort");
        String users = "/api/v1/tenants/" + tenant + "/users";
        Api.enrol(tenant, "b@acme.no", Api.newMobile(tenant));
        String last = Api.enrol(tenant, "a@acme.no", Api.newMobile(tenant));
        Api.enrol(tenant, "c@acme.no", Api.newMobile(tenant));
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("displayName", "Zed")).patch(users + "/" + last)
                .then().statusCode(200);
        as(TestTokens.tenantAdmin(tenant)).get(users).then().statusCode(200)
                .body("items.email", org.hamcrest.Matchers.contains("a@acme.no", "b@acme.no", "c@acme.no"));
        as(TestTokens.tenantAdmin(tenant)).queryParam("sort", "-email").queryParam("size", 2).get(users)
                .then().statusCode(200).body("total", equalTo(3))
                .body("items.email", org.hamcrest.Matchers.contains("c@acme.no", "b@acme.no"));
        as(TestTokens.tenantAdmin(tenant)).queryParam("sort", "-updatedAt").get(users)
                .then().statusCode(200).body("items[0].email", equalTo("a@acme.no"));
        problem(as(TestTokens.tenantAdmin(tenant)).queryParam("sort", "password").get(users).then(), 400,
                ProblemTypes.VALIDATION).body("errors[0].field", equalTo("sort"))
                .body("errors[0].code", equalTo("not-allowed-value"));
    }

    @Test
    void acceptsNumbersAsNorwegiansTypeThemAndStoresE164() {
        String tenant = Api.createTenant("national");
        String mobile = Api.newMobile(tenant);
        String national = mobile.substring(3);
        String spaced = national.substring(0, 3) + " " + national.substring(3, 5) + " " + national.substring(5);
        String id = as(TestTokens.tenantAdmin(tenant))
                .body(Map.of("email", "nina@acme.no", "mobileNumber", spaced))
                .post("/api/v1/tenants/" + tenant + "/users")
                .then().statusCode(201).body("mobileNumber", equalTo(mobile))
                .extract().path("id");
        String next = Api.newMobile(tenant);
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("mobileNumber", "0047 " + next.substring(3)))
                .patch("/api/v1/tenants/" + tenant + "/users/" + id)
                .then().statusCode(200).body("mobileNumber", equalTo(next));
        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 2);
        assertThat(ContractSchemas.tree(messages.get(messages.size() - 1).value()).at("/mobileNumber").asText())
                .isEqualTo(next);
        // A Swedish number stays valid E.164; it is simply not one of this tenant's numbers.
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("email", "sven@acme.no", "mobileNumber", "+46 70 123 45 67"))
                .post("/api/v1/tenants/" + tenant + "/users").then(), 400, ProblemTypes.NUMBER_NOT_OWNED)
                .body("errors[0].field", equalTo("mobileNumber"))
                .body("errors[0].code", equalTo("phone-not-in-tenant-numbers"));
    }

    @Test
    void emailIsUniquePerTenantAndMobileAcrossTenantsWithoutSayingWhere() {
        String first = Api.createTenant("uniq1");
        String second = Api.createTenant("uniq2");
        String mobile = Api.newMobile(first);
        Api.enrol(first, "ola@acme.no", mobile);
        problem(as(TestTokens.tenantAdmin(first)).body(Map.of("email", "OLA@acme.no", "mobileNumber", Api.newMobile(first)))
                .post("/api/v1/tenants/" + first + "/users").then(), 409, ProblemTypes.CONFLICT);
        Api.enrol(second, "ola@acme.no", Api.newMobile(second));
        problem(as(TestTokens.tenantAdmin(first)).body(Map.of("email", "other@acme.no", "mobileNumber", mobile))
                .post("/api/v1/tenants/" + first + "/users").then(), 409, ProblemTypes.CONFLICT);
        // Another tenant's number is not the second tenant's to enrol: refused as any foreign number, never a 409.
        problem(as(TestTokens.tenantAdmin(second)).body(Map.of("email", "other@acme.no", "mobileNumber", mobile))
                .post("/api/v1/tenants/" + second + "/users").then(), 400, ProblemTypes.NUMBER_NOT_OWNED)
                .body(not(containsString(first)));
    }

    @Test
    void listsPagesAndFilters() {
        String tenant = Api.createTenant("list");
        Api.enrol(tenant, "anne@acme.no", Api.newMobile(tenant));
        Api.enrol(tenant, "bjorn@acme.no", Api.newMobile(tenant));
        String carl = Api.enrol(tenant, "carl@acme.no", Api.newMobile(tenant));
        as(TestTokens.employee(tenant, "carl@acme.no")).body(Map.of("enabled", true)).put("/api/v1/me/calendar-sync")
                .then().statusCode(200);
        as(TestTokens.tenantAdmin(tenant)).queryParam("size", 2).get("/api/v1/tenants/" + tenant + "/users")
                .then().statusCode(200).body("total", equalTo(3)).body("items.size()", equalTo(2))
                .body("items[0].email", equalTo("anne@acme.no"));
        as(TestTokens.tenantAdmin(tenant)).queryParam("page", 1).queryParam("size", 2).get("/api/v1/tenants/" + tenant + "/users")
                .then().body("items.size()", equalTo(1)).body("items[0].id", equalTo(carl));
        as(TestTokens.tenantAdmin(tenant)).queryParam("q", "BJ").get("/api/v1/tenants/" + tenant + "/users")
                .then().body("total", equalTo(1)).body("items[0].email", equalTo("bjorn@acme.no"));
        as(TestTokens.tenantAdmin(tenant)).queryParam("syncEnabled", true).get("/api/v1/tenants/" + tenant + "/users")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(carl));
        as(TestTokens.tenantAdmin(tenant)).queryParam("q", "%").get("/api/v1/tenants/" + tenant + "/users")
                .then().body("total", equalTo(0));
        problem(as(TestTokens.tenantAdmin(tenant)).queryParam("size", 500).get("/api/v1/tenants/" + tenant + "/users").then(),
                400, ProblemTypes.VALIDATION);
        problem(as(TestTokens.tenantAdmin(tenant)).queryParam("page", Integer.MAX_VALUE).queryParam("size", 200)
                .get("/api/v1/tenants/" + tenant + "/users").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void patchesAndUnEnrolsWithATombstone() {
        String tenant = Api.createTenant("patch");
        String id = Api.enrol(tenant, "per@acme.no", Api.newMobile(tenant));
        String newMobile = Api.newMobile(tenant);
        as(TestTokens.tenantAdmin(tenant)).body(Map.of("mobileNumber", newMobile, "displayName", "Per P."))
                .patch("/api/v1/tenants/" + tenant + "/users/" + id)
                .then().statusCode(200).body("mobileNumber", equalTo(newMobile)).body("version", equalTo(2));
        problem(as(TestTokens.tenantAdmin(tenant)).body(Map.of("mobileNumber", "+47 912"))
                .patch("/api/v1/tenants/" + tenant + "/users/" + id).then(), 400, ProblemTypes.VALIDATION);
        as(TestTokens.tenantAdmin(tenant)).delete("/api/v1/tenants/" + tenant + "/users/" + id).then().statusCode(204);
        problem(as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/users/" + id).then(), 404, ProblemTypes.NOT_FOUND);

        List<TopicReader.Message> messages = TopicReader.atLeast(bootstrap, Topics.USERS, Topics.userKey(tenant, id), 3);
        assertThat(messages).hasSize(3);
        assertThat(ContractSchemas.tree(messages.get(0).value()).get("version").asLong()).isEqualTo(1);
        assertThat(ContractSchemas.tree(messages.get(1).value()).get("version").asLong()).isEqualTo(2);
        assertThat(messages.get(2).value()).as("tombstone").isNull();
        // The number is free again once its user is gone.
        Api.enrol(tenant, "per@acme.no", newMobile);
    }

    @Test
    void deletingATenantErasesItsUsersAndSecretsWithTombstones() {
        String tenant = Api.createTenant("erase");
        String a = Api.enrol(tenant, "a@acme.no", Api.newMobile(tenant));
        String b = Api.enrol(tenant, "b@acme.no", Api.newMobile(tenant));
        as(TestTokens.operator()).delete("/api/v1/tenants/" + tenant).then().statusCode(204);
        problem(as(TestTokens.operator()).get("/api/v1/tenants/" + tenant).then(), 404, ProblemTypes.NOT_FOUND);
        List<TopicReader.Message> users = TopicReader.atLeast(bootstrap, Topics.USERS, tenant + "/", 4);
        assertThat(users).filteredOn(m -> m.value() == null).extracting(TopicReader.Message::key)
                .containsExactlyInAnyOrder(Topics.userKey(tenant, a), Topics.userKey(tenant, b));
        List<TopicReader.Message> tenants = TopicReader.read(bootstrap, Topics.TENANTS, tenant::equals,
                list -> list.size() >= 2, Duration.ofSeconds(30), Duration.ofMillis(500));
        assertThat(tenants).hasSize(2);
        assertThat(tenants.get(1).value()).isNull();
        ContractSchemas.assertValid(Topics.TENANTS, tenants.get(0).value());
    }
}
