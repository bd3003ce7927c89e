package com.calroute.config.tenant;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Numbers belong to tenants: the operator assigns them; enrolment and switchboard stay inside; no number is shared. */
@QuarkusTest
class TenantNumbersResourceTest {

    private static Map<String, Object> range(String from, String to) {
        return Map.of("from", from, "to", to);
    }

    @Test
    void theOperatorAssignsRangesAndTheTenantAdminReadsThem() {
        Api.NumberBlock block = Api.newNumberBlock();
        Api.NumberBlock extra = Api.newNumberBlock();
        String id = Api.newTenantId("num");
        as(TestTokens.operator())
                .body(Map.of("id", id, "name", "Num AS", "switchboardNumber", block.switchboard(), "numbers",
                        Map.of("ranges", List.of(range(block.from(), block.to()), range(extra.from(), extra.from())))))
                .post("/api/v1/tenants").then().statusCode(201);
        as(TestTokens.tenantAdmin(id)).get("/api/v1/tenants/" + id + "/numbers")
                .then().statusCode(200)
                .body("ranges.size()", equalTo(2))
                .body("ranges[0].from", equalTo(block.from())).body("ranges[0].to", equalTo(block.to()))
                .body("ranges[1].from", equalTo(extra.from())).body("ranges[1].to", equalTo(extra.from()));
        as(TestTokens.operator()).body(Map.of("ranges", List.of(range(block.from(), block.to()))))
                .put("/api/v1/tenants/" + id + "/numbers")
                .then().statusCode(200).body("ranges.size()", equalTo(1));
        problem(as(TestTokens.tenantAdmin(id)).body(Map.of("ranges", List.of(range(extra.from(), extra.to()))))
                .put("/api/v1/tenants/" + id + "/numbers").then(), 403, ProblemTypes.FORBIDDEN);
        String other = Api.createTenant("num-other");
        problem(as(TestTokens.tenantAdmin(other)).get("/api/v1/tenants/" + id + "/numbers").then(), 404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void aTenantWithoutNumbersHoldsItsSwitchboard() {
        String switchboard = Api.newNumberBlock().switchboard();
        String id = Api.newTenantId("sw");
        as(TestTokens.operator()).body(Map.of("id", id, "name", "Sw AS", "switchboardNumber", switchboard))
                .post("/api/v1/tenants").then().statusCode(201);
        as(TestTokens.operator()).get("/api/v1/tenants/" + id + "/numbers").then().statusCode(200)
                .body("ranges.size()", equalTo(1))
                .body("ranges[0].from", equalTo(switchboard)).body("ranges[0].to", equalTo(switchboard));
    }

    @Test
    void noNumberBelongsToTwoTenantsAndTheOperatorIsToldWhich() {
        String first = Api.createTenant("own1");
        String mobile = Api.newMobile(first);
        String second = Api.createTenant("own2");
        problem(as(TestTokens.operator()).body(Map.of("ranges", List.of(range(mobile, mobile))))
                .put("/api/v1/tenants/" + second + "/numbers").then(), 409, ProblemTypes.CONFLICT)
                .body("detail", containsString(first));
        problem(as(TestTokens.operator()).body(Map.of("id", Api.newTenantId("own3"), "name", "Third",
                        "switchboardNumber", mobile)).post("/api/v1/tenants").then(), 409, ProblemTypes.CONFLICT);
        String switchboard = as(TestTokens.operator()).get("/api/v1/tenants/" + first).then().extract().path("switchboardNumber");
        problem(as(TestTokens.operator()).body(Map.of("switchboardNumber", switchboard))
                .patch("/api/v1/tenants/" + second).then(), 400, ProblemTypes.NUMBER_NOT_OWNED)
                .body("errors[0].field", equalTo("switchboardNumber"));
    }

    @Test
    void whenTwoTenantsAreGivenTheSameNumbersAtOnceTheDatabaseHasTheLastWord() throws Exception {
        String first = Api.createTenant("race1");
        String second = Api.createTenant("race2");
        String secondSwitchboard = as(TestTokens.operator()).get("/api/v1/tenants/" + second).then()
                .extract().path("switchboardNumber");
        Api.NumberBlock contested = Api.newNumberBlock();
        CountDownLatch inserted = new CountDownLatch(1);
        // An uncommitted assignment to the first tenant, invisible to the second's look-up, committed a moment later.
        CompletableFuture<Void> competitor = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            Tenant.getEntityManager().createNativeQuery("insert into tenant_number_range (tenant_id, first_number,"
                    + " last_number) values (?1, ?2, ?3)").setParameter(1, first).setParameter(2, contested.from())
                    .setParameter(3, contested.to()).executeUpdate();
            inserted.countDown();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
        problem(as(TestTokens.operator()).body(Map.of("ranges", List.of(range(secondSwitchboard, secondSwitchboard),
                        range(contested.from(), contested.to()))))
                .put("/api/v1/tenants/" + second + "/numbers").then(), 409, ProblemTypes.CONFLICT);
        competitor.get(10, TimeUnit.SECONDS);
        as(TestTokens.operator()).get("/api/v1/tenants/" + second + "/numbers").then().body("ranges.size()", equalTo(1));
    }

    @Test
    void rangesMustBeWellFormed() {
        String id = Api.createTenant("shape");
        problem(as(TestTokens.operator()).body(Map.of("ranges", List.of(
                        range("+4791000000", "+479100009"),
                        range("+4791000099", "+4791000000"),
                        range("4791000000", "+4791000000"))))
                .put("/api/v1/tenants/" + id + "/numbers").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItem("ranges[0].to"))
                .body("errors.field", hasItem("ranges[1].to"))
                .body("errors.field", hasItem("ranges[2].from"));
        problem(as(TestTokens.operator()).body(Map.of("ranges", List.of(
                        range("+4791000000", "+4791000010"), range("+4791000005", "+4791000005"))))
                .put("/api/v1/tenants/" + id + "/numbers").then(), 400, ProblemTypes.VALIDATION)
                .body("errors.field", hasItem("ranges[1]"));
    }

    @Test
    void shrinkingBelowAnEnrolledUserOrTheSwitchboardIsAConflictNamingThem() {
        String id = Api.createTenant("shrink");
        String mobile = Api.newMobile(id);
        Api.enrol(id, "kari@shrink.no", mobile);
        Api.NumberBlock elsewhere = Api.newNumberBlock();
        problem(as(TestTokens.operator()).body(Map.of("ranges", List.of(range(elsewhere.from(), elsewhere.to()))))
                .put("/api/v1/tenants/" + id + "/numbers").then(), 409, ProblemTypes.CONFLICT)
                .body("detail", containsString("kari@shrink.no"))
                .body("detail", containsString(mobile))
                .body("detail", containsString("switchboard"));
        // Nothing changed.
        as(TestTokens.operator()).get("/api/v1/tenants/" + id + "/numbers").then().body("ranges[0].to", containsString("999"));
    }

    @Test
    void enrollingANumberOutsideTheTenantRevealsNothingAboutWhoHoldsIt() {
        String mine = Api.createTenant("mine");
        String theirs = Api.createTenant("theirs");
        String theirSwitchboard = as(TestTokens.operator()).get("/api/v1/tenants/" + theirs).then()
                .extract().path("switchboardNumber");
        String theirUser = Api.newMobile(theirs);
        Api.enrol(theirs, "eve@theirs.no", theirUser);
        String admin = TestTokens.tenantAdmin(mine);
        String path = "/api/v1/tenants/" + mine + "/users";

        String foreignSwitchboard = problem(as(admin).body(Map.of("email", "a@mine.no", "mobileNumber", theirSwitchboard))
                .post(path).then(), 400, ProblemTypes.NUMBER_NOT_OWNED)
                .body("errors[0].field", equalTo("mobileNumber"))
                .extract().asString();
        String foreignUser = as(admin).body(Map.of("email", "a@mine.no", "mobileNumber", theirUser)).post(path)
                .then().statusCode(400).extract().asString();
        String nobodys = as(admin).body(Map.of("email", "a@mine.no", "mobileNumber", Api.unownedMobile())).post(path)
                .then().statusCode(400).extract().asString();
        assertThat(foreignSwitchboard).isEqualTo(foreignUser).isEqualTo(nobodys).doesNotContain(theirs);
        as(admin).get(path).then().body("total", equalTo(0));

        String user = Api.enrol(mine, "b@mine.no", Api.newMobile(mine));
        String patched = problem(as(admin).body(Map.of("mobileNumber", theirUser)).patch(path + "/" + user).then(),
                400, ProblemTypes.NUMBER_NOT_OWNED).body("errors[0].field", equalTo("mobileNumber")).extract().asString();
        assertThat(patched).doesNotContain(theirs).doesNotContain("eve");
        as(admin).get(path + "/" + user).then().body("version", equalTo(1));
    }

    @Test
    void bulkRowsOutsideTheTenantAreInvalidAlikeInJsonAndCsv() {
        String mine = Api.createTenant("bulkmine");
        String theirs = Api.createTenant("bulktheirs");
        String theirUser = Api.newMobile(theirs);
        Api.enrol(theirs, "eve@theirs.no", theirUser);
        String own = Api.newMobile(mine);
        as(TestTokens.tenantAdmin(mine)).body(List.of(
                        Map.of("email", "a@mine.no", "mobileNumber", own),
                        Map.of("email", "b@mine.no", "mobileNumber", theirUser),
                        Map.of("email", "c@mine.no", "mobileNumber", Api.unownedMobile())))
                .post("/api/v1/tenants/" + mine + "/users/bulk")
                .then().statusCode(200)
                .body("created", equalTo(1)).body("duplicates", equalTo(0)).body("invalid", equalTo(2))
                .body("rows[1].status", equalTo("INVALID")).body("rows[1].reason", containsString("mobileNumber"))
                .body("rows[1].reason", not(containsString(theirs)))
                .body("rows[2].reason", equalTo(
                        as(TestTokens.tenantAdmin(mine)).body(List.of(Map.of("email", "d@mine.no", "mobileNumber", theirUser)))
                                .post("/api/v1/tenants/" + mine + "/users/bulk").then().extract().<String>path("rows[0].reason")));
        RestAssured.given().auth().oauth2(TestTokens.tenantAdmin(mine)).contentType("text/csv")
                .body("email,mobileNumber\r\ne@mine.no," + theirUser + "\r\nf@mine.no," + Api.newMobile(mine) + "\r\n")
                .post("/api/v1/tenants/" + mine + "/users/bulk")
                .then().statusCode(200)
                .body("created", equalTo(1)).body("invalid", equalTo(1))
                .body("rows[0].status", equalTo("INVALID")).body("rows[0].reason", containsString("mobileNumber"));
        as(TestTokens.tenantAdmin(mine)).get("/api/v1/tenants/" + mine + "/users").then().body("total", equalTo(2));
    }

    @Test
    void aSwitchboardOutsideTheGivenNumbersIsRefused() {
        Api.NumberBlock block = Api.newNumberBlock();
        String id = Api.newTenantId("swout");
        problem(as(TestTokens.operator()).body(Map.of("id", id, "name", "Out AS",
                        "switchboardNumber", Api.unownedMobile(), "numbers", block.numbers()))
                .post("/api/v1/tenants").then(), 400, ProblemTypes.NUMBER_NOT_OWNED)
                .body("errors[0].field", equalTo("switchboardNumber"));
        problem(as(TestTokens.operator()).get("/api/v1/tenants/" + id).then(), 404, ProblemTypes.NOT_FOUND);
    }
}
