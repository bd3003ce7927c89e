package com.calroute.routing.api;

import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.routing.support.Messages;
import com.calroute.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Role and tenant checks on every endpoint: who may call what, and what others get (problem+json always). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RoutingSecurityTest {

    static final String TENANT = RoutingServiceTest.TENANT;

    record Endpoint(String name, String role, Function<RequestSpecification, Response> call) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("route lookup", "call-control", r -> r.get("/api/v1/routes/+4791234001")),
            new Endpoint("my status", "employee", r -> r.get("/api/v1/me/status")),
            new Endpoint("my timeline", "employee", r -> r.get("/api/v1/me/status/timeline")),
            new Endpoint("set my override", "employee", r -> r.contentType(ContentType.JSON)
                    .body("{\"action\":\"RING\",\"until\":\"" + Instant.now().plusSeconds(3600) + "\"}")
                    .put("/api/v1/me/status/override")),
            new Endpoint("remove my override", "employee", r -> r.delete("/api/v1/me/status/override")),
            new Endpoint("my route decisions", "employee", r -> r.get("/api/v1/me/routes/decisions")),
            new Endpoint("my what-if", "employee", r -> r.get("/api/v1/me/routes/what-if")),
            new Endpoint("a user's route decisions", "tenant-admin", r -> r.queryParam("reason", "security test")
                    .get("/api/v1/tenants/" + TENANT + "/users/kari-0001/route-decisions")),
            new Endpoint("a user's status", "tenant-admin",
                    r -> r.get("/api/v1/tenants/" + TENANT + "/users/kari-0001/status")),
            new Endpoint("the switchboard view", "tenant-admin,operator",
                    r -> r.get("/api/v1/tenants/" + TENANT + "/status")));

    @Test
    void anonymousCallersGet401OnEveryEndpoint() {
        for (Endpoint endpoint : ENDPOINTS) {
            endpoint.call().apply(given()).then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo(ProblemTypes.UNAUTHENTICATED));
        }
    }

    @Test
    void anInvalidBearerTokenGets401() {
        for (Endpoint endpoint : ENDPOINTS) {
            assertThat(endpoint.call().apply(given().header("Authorization", "Bearer not-a-token")).statusCode())
                    .as(endpoint.name()).isEqualTo(401);
        }
    }

    @Test
    @TestSecurity(user = "ops", roles = "operator")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "email", value = "kari@acme.no"), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-kari@acme.no")})
    void anOperatorGets403OutsideTheSwitchboardView() {
        assertForbiddenExcept("operator");
    }

    @Test
    @TestSecurity(user = "kari", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "email", value = "kari@acme.no"), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-kari@acme.no")})
    void anEmployeeGets403OutsideTheirOwnEndpoints() {
        assertForbiddenExcept("employee");
    }

    @Test
    @TestSecurity(user = "admin", roles = "tenant-admin")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "email", value = "kari@acme.no"), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-kari@acme.no")})
    void aTenantAdminGets403OutsideTheAdminEndpoint() {
        assertForbiddenExcept("tenant-admin");
    }

    @Test
    @TestSecurity(user = "switch", roles = "call-control")
    void callControlGets403OutsideLookups() {
        assertForbiddenExcept("call-control");
    }

    @Test
    @TestSecurity(user = "svc", roles = "service")
    void aSuiteServiceGets403OnEveryEndpoint() {
        assertForbiddenExcept(null);
    }

    @Test
    @TestSecurity(user = "admin", roles = "tenant-admin")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = "other-tenant")})
    void anotherTenantsAdminCannotSeeTheUser() {
        RoutingServiceTest.awaitReady();
        given().get("/api/v1/tenants/" + TENANT + "/users/kari-0001/status").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(ProblemTypes.NOT_FOUND));
        given().get("/api/v1/tenants/" + TENANT + "/status").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(ProblemTypes.NOT_FOUND));
        given().queryParam("reason", "curious").get("/api/v1/tenants/" + TENANT + "/users/kari-0001/route-decisions")
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(ProblemTypes.NOT_FOUND));
    }

    @Test
    @TestSecurity(user = "kari", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = "other-tenant"), @Claim(key = "email", value = "kari@acme.no"), @Claim(key = "iss", value = Messages.ISSUER),
            @Claim(key = "sub", value = "login-kari@acme.no")})
    void anEmployeeOfAnotherTenantWithTheSameLoginIsNotThatUser() {
        RoutingServiceTest.awaitReady();
        given().get("/api/v1/me/status").then().statusCode(409).body("type", equalTo(ProblemTypes.LOGIN_NOT_LINKED));
        given().delete("/api/v1/me/status/override").then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "ola", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "email", value = "kari@acme.no"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN),
            @Claim(key = "iss", value = Messages.ISSUER), @Claim(key = "sub", value = "login-of-ola-who-took-karis-email")})
    void aLoginCarryingAColleaguesEmailIsNotTheColleague() {
        RoutingServiceTest.awaitReady();
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.role().equals("employee")) {
                endpoint.call().apply(given()).then().statusCode(409).contentType("application/problem+json")
                        .body("type", equalTo(ProblemTypes.LOGIN_NOT_LINKED));
            }
        }
    }

    @Test
    @TestSecurity(user = "kari", roles = "employee")
    void anEmployeeTokenWithoutClaimsIsForbidden() {
        given().get("/api/v1/me/status").then().statusCode(403).body("type", equalTo(ProblemTypes.FORBIDDEN));
    }

    @Test
    @TestSecurity(user = "admin", roles = "tenant-admin")
    void anAdminTokenWithoutTenantIsForbidden() {
        given().get("/api/v1/tenants/" + TENANT + "/users/kari-0001/status").then().statusCode(403);
        given().get("/api/v1/tenants/" + TENANT + "/status").then().statusCode(403);
    }

    private static void assertForbiddenExcept(String allowedRole) {
        for (Endpoint endpoint : ENDPOINTS) {
            if (allowedRole != null && List.of(endpoint.role().split(",")).contains(allowedRole)) {
                continue;
            }
            Response response = endpoint.call().apply(given());
            assertThat(response.statusCode()).as(endpoint.name()).isEqualTo(403);
            assertThat(response.contentType()).as(endpoint.name()).startsWith("application/problem+json");
            assertThat(response.<String>path("type")).isEqualTo(ProblemTypes.FORBIDDEN);
        }
    }
}
