package com.calroute.config.security;

import com.calroute.config.support.TestTokens;
import com.calroute.contracts.problem.ProblemTypes;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Only access tokens issued for the Calroute API are accepted: a realm-signed token for another audience, an ID token
 * and a refresh or offline token are refused like a missing one (issue 13, hole 3).
 */
@QuarkusTest
class TokenKindsTest {

    private static final String PATH = "/api/v1/tenants";

    @Test
    void anAccessTokenForTheApiIsAccepted() {
        call(TestTokens.operatorWith(TestTokens.AUDIENCE, "Bearer")).then().statusCode(200);
        call(TestTokens.operatorWith(List.of("account", TestTokens.AUDIENCE), "Bearer")).then().statusCode(200);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(TestTokens.operatorWith("account", "Bearer"));
        assertRefused(TestTokens.operatorWith(List.of("account", "calroute-console"), "Bearer"));
    }

    @Test
    void anIdTokenIsRefused() {
        assertRefused(TestTokens.operatorWith(TestTokens.AUDIENCE, "ID"));
    }

    @Test
    void refreshAndOfflineTokensAreRefused() {
        assertRefused(TestTokens.operatorWith(TestTokens.AUDIENCE, "Refresh"));
        assertRefused(TestTokens.operatorWith(TestTokens.AUDIENCE, "Offline"));
    }

    private static io.restassured.response.Response call(String token) {
        return given().header("Authorization", "Bearer " + token).get(PATH);
    }

    private static void assertRefused(String token) {
        call(token).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.UNAUTHENTICATED));
    }
}
