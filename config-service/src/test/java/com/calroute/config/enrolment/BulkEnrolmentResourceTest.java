package com.calroute.config.enrolment;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class BulkEnrolmentResourceTest {

    @Test
    void jsonArrayGetsAReportPerRow() {
        String tenant = Api.createTenant("bulkjson");
        String taken = Api.newMobile(tenant);
        Api.enrol(tenant, "someone@acme.no", taken);
        String mobile = Api.newMobile(tenant);
        List<Object> rows = List.of(
                Map.of("email", "a@acme.no", "mobileNumber", mobile, "displayName", "A"),
                Map.of("email", "A@ACME.NO", "mobileNumber", Api.newMobile(tenant)),
                Map.of("email", "b@acme.no", "mobileNumber", taken),
                Map.of("email", "not-an-email", "mobileNumber", "123"),
                "not an object",
                Map.of("email", "c@acme.no", "mobileNumber", Api.newMobile(tenant), "extra", "x"));
        as(TestTokens.tenantAdmin(tenant)).body(rows).post("/api/v1/tenants/" + tenant + "/users/bulk")
                .then().statusCode(200)
                .body("created", equalTo(1)).body("duplicates", equalTo(2)).body("invalid", equalTo(3))
                .body("rows[0].status", equalTo("CREATED")).body("rows[0].userId", notNullValue())
                .body("rows[0].errors", org.hamcrest.Matchers.nullValue())
                .body("rows[1].status", equalTo("DUPLICATE")).body("rows[1].reason", containsString("e-mail"))
                .body("rows[1].errors[0].field", equalTo("email")).body("rows[1].errors[0].code", equalTo("duplicate"))
                .body("rows[2].status", equalTo("DUPLICATE")).body("rows[2].reason", containsString("mobile"))
                .body("rows[2].errors[0].field", equalTo("mobileNumber")).body("rows[2].errors[0].code", equalTo("duplicate"))
                .body("rows[3].status", equalTo("INVALID")).body("rows[3].reason", containsString("email"))
                .body("rows[3].errors.code", org.hamcrest.Matchers.contains("invalid-email", "invalid-phone-number"))
                .body("rows[4].status", equalTo("INVALID"))
                .body("rows[4].errors[0].field", equalTo("row")).body("rows[4].errors[0].code", equalTo("invalid-row"))
                .body("rows[5].status", equalTo("INVALID")).body("rows[5].reason", containsString("extra"));
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/users").then().body("total", equalTo(2));
    }

    @Test
    void csvWithHeaderQuotesAndBadRows() {
        String tenant = Api.createTenant("bulkcsv");
        String kari = Api.newMobile(tenant);
        String csv = "email,mobileNumber,displayName\r\n"
                + "kari@acme.no,0047 " + kari.substring(3) + ",\"Nordmann, Kari\"\r\n"
                + "ola@acme.no," + Api.newMobile(tenant) + "\r\n"
                + "per@acme.no,+4790,Per\r\n"
                + "\r\n"
                + "nina@acme.no," + Api.newMobile(tenant) + ",\"Nina \"\"N\"\"\"\r\n";
        RestAssured.given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType("text/csv").body(csv)
                .post("/api/v1/tenants/" + tenant + "/users/bulk")
                .then().statusCode(200)
                .body("created", equalTo(2)).body("invalid", equalTo(2))
                .body("rows[0].status", equalTo("CREATED"))
                .body("rows[1].status", equalTo("INVALID")).body("rows[1].reason", containsString("columns"))
                .body("rows[2].status", equalTo("INVALID")).body("rows[2].reason", containsString("mobileNumber"))
                .body("rows[3].row", equalTo(4));
        as(TestTokens.tenantAdmin(tenant)).queryParam("q", "nordmann").get("/api/v1/tenants/" + tenant + "/users")
                .then().body("items[0].displayName", equalTo("Nordmann, Kari"))
                .body("items[0].mobileNumber", equalTo(kari));
        problem(RestAssured.given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType("text/csv")
                .body("mail,phone\nx,y\n").post("/api/v1/tenants/" + tenant + "/users/bulk").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("header"));
    }

    @Test
    void refusesMoreThanTenThousandRowsOrFiveMegabytes() {
        String tenant = Api.createTenant("bulkbig");
        StringBuilder csv = new StringBuilder("email,mobileNumber\n");
        for (int i = 0; i <= 10_000; i++) {
            csv.append("u").append(i).append("@acme.no,+47").append(40_000_000 + i).append('\n');
        }
        problem(RestAssured.given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType("text/csv").body(csv.toString())
                .post("/api/v1/tenants/" + tenant + "/users/bulk").then(), 413, ProblemTypes.PAYLOAD_TOO_LARGE);
        List<Map<String, String>> big = new ArrayList<>();
        String padding = "x".repeat(290);
        for (int i = 0; i < 9_000; i++) {
            big.add(Map.of("email", "u" + i + "@acme.no", "mobileNumber", "+4740000000", "displayName", padding + i + padding));
        }
        problem(as(TestTokens.tenantAdmin(tenant)).body(big).post("/api/v1/tenants/" + tenant + "/users/bulk").then(),
                413, ProblemTypes.PAYLOAD_TOO_LARGE);
        as(TestTokens.tenantAdmin(tenant)).get("/api/v1/tenants/" + tenant + "/users").then().body("total", equalTo(0));
    }

    @Test
    void refusesMalformedJson() {
        String tenant = Api.createTenant("bulkbad");
        problem(as(TestTokens.tenantAdmin(tenant)).body("[{\"email\":").post("/api/v1/tenants/" + tenant + "/users/bulk").then(),
                400, ProblemTypes.MALFORMED);
        problem(as(TestTokens.tenantAdmin(tenant)).body("{\"email\":\"a@b.no\"}").post("/api/v1/tenants/" + tenant + "/users/bulk").then(),
                400, ProblemTypes.MALFORMED);
    }
}
