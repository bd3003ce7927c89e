package com.calroute.config.selfservice;

import com.calroute.config.support.Api;
import com.calroute.config.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/**
 * The suite's convention for identities in tests ({@code @TestSecurity} + {@code @OidcSecurity} claims) reaches the
 * same caller model as real signed tokens: tenant, issuer and subject claims (and at the first sign-in the verified
 * e-mail) decide who "me" is.
 */
@QuarkusTest
class TestSecurityConventionTest {

    private static final String TENANT = "testsecurity-acme";

    private static boolean enrolled;

    @BeforeEach
    void enrolKariOnce() {
        if (enrolled) {
            return;
        }
        enrolled = true;
        Api.createTenantWithId(TENANT);
        Api.enrol(TENANT, "kari@testsecurity.example", Api.newMobile(TENANT));
    }

    @Test
    @TestSecurity(user = "kari", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = TENANT), @Claim(key = "email", value = "Kari@TestSecurity.example"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN),
            @Claim(key = "iss", value = TestTokens.ISSUER), @Claim(key = "sub", value = "kari-subject")})
    void employeeIdentityFromTestSecurityClaims() {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("enabled", true))
                .put("/api/v1/me/calendar-sync").then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    @TestSecurity(user = "intruder", roles = "employee")
    @OidcSecurity(claims = {@Claim(key = "tenant", value = "some-other-tenant"), @Claim(key = "email", value = "kari@testsecurity.example"),
            @Claim(key = "email_verified", value = "true", type = ClaimType.BOOLEAN),
            @Claim(key = "iss", value = TestTokens.ISSUER), @Claim(key = "sub", value = "intruder-subject")})
    void sameEmailInAnotherTenantIsNobody() {
        RestAssured.given().get("/api/v1/me/calendar-sync").then().statusCode(404);
    }
}
