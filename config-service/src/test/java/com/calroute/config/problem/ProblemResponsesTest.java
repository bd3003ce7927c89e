package com.calroute.config.problem;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static com.calroute.config.support.Api.as;
import static com.calroute.config.support.Api.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Whatever goes wrong, the answer is a problem body with a stable type and no internals. */
@QuarkusTest
class ProblemResponsesTest {

    @Test
    void wrongMediaTypeIs415() {
        problem(RestAssured.given().auth().oauth2(TestTokens.operator()).contentType("text/plain").body("id=acme")
                .post("/api/v1/tenants").then(), 415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        problem(as(TestTokens.operator()).get("/api/v1/nothing-here").then(), 404, ProblemTypes.NOT_FOUND);
        as(TestTokens.operator()).put("/api/v1/tenants").then().statusCode(405)
                .contentType(containsString("application/problem+json")).body("status", equalTo(405));
    }

    @Test
    void emptyBodiesAndWrongTypesNameTheProblem() {
        problem(as(TestTokens.operator()).post("/api/v1/tenants").then(), 400, ProblemTypes.MALFORMED);
        problem(as(TestTokens.operator()).body("{\"id\":\"x-y\",\"name\":\"X\",\"switchboardNumber\":\"+4722000000\",\"subjectSharing\":[1]}")
                .post("/api/v1/tenants").then(), 400, ProblemTypes.VALIDATION)
                .body("errors[0].field", equalTo("subjectSharing"))
                .body(not(containsString("Exception")))
                .body(not(containsString("com.fasterxml")));
    }

    @Test
    void internalConnectionOfATenantWithoutOneIs404() {
        String tenant = Api.createTenant("noconn");
        problem(as(TestTokens.service()).get("/internal/v1/tenants/" + tenant + "/connection").then(), 404, ProblemTypes.NOT_FOUND);
        problem(as(TestTokens.service()).get("/internal/v1/tenants/no-such-tenant/connection").then(), 404, ProblemTypes.NOT_FOUND);
    }
}
