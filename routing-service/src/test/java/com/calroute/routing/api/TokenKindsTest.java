package com.calroute.routing.api;

import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.routing.support.TestTokens;
import com.calroute.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * Only access tokens issued for the Calroute API get past authentication: real signed tokens, verified by quarkus-oidc.
 * An operator may not look routes up, so an accepted token ends in 403 and a refused one in 401 (issue 13, hole 3).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TokenKindsTest {

    @Test
    void anAccessTokenForTheApiIsAuthenticated() {
        call(TestTokens.token("operator", TestTokens.AUDIENCE, "Bearer")).then().statusCode(403);
        call(TestTokens.token("operator", List.of("account", TestTokens.AUDIENCE), "Bearer")).then().statusCode(403);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(TestTokens.token("call-control", "account", "Bearer"));
        assertRefused(TestTokens.token("call-control", List.of("account", "calroute-console"), "Bearer"));
    }

    @Test
    void anIdTokenIsRefused() {
        assertRefused(TestTokens.token("call-control", TestTokens.AUDIENCE, "ID"));
    }

    @Test
    void refreshAndOfflineTokensAreRefused() {
        assertRefused(TestTokens.token("call-control", TestTokens.AUDIENCE, "Refresh"));
        assertRefused(TestTokens.token("call-control", TestTokens.AUDIENCE, "Offline"));
    }

    /** Authenticated and allowed to look up; whether the number is enrolled depends on what other tests enrolled. */
    @Test
    void aTokenTrustedFromAnEarlierRequestStillCarriesOnlyItsOwnRoles() {
        // Checked once, then trusted (VerifiedTokens): the second request of each token is answered from that trust.
        String callControl = TestTokens.token("call-control", TestTokens.AUDIENCE, "Bearer");
        String operator = TestTokens.token("operator", TestTokens.AUDIENCE, "Bearer");
        for (int round = 0; round < 2; round++) {
            call(callControl).then().statusCode(anyOf(is(200), is(404), is(503)));
            call(operator).then().statusCode(403);
        }
    }

    @Test
    void aChangedCopyOfATrustedTokenIsCheckedAndRefused() {
        String token = TestTokens.token("call-control", TestTokens.AUDIENCE, "Bearer");
        call(token).then().statusCode(anyOf(is(200), is(404), is(503)));

        // A character inside the signature (the last one may only carry padding bits).
        int at = token.lastIndexOf('.') + 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        assertRefused(token.substring(0, at) + changed + token.substring(at + 1));
        assertRefused(token + "x");
        call(token).then().statusCode(anyOf(is(200), is(404), is(503)));
    }

    @Test
    void aTrustedTokenIsRefusedOnceItExpires() {
        String token = TestTokens.token("call-control", TestTokens.AUDIENCE, "Bearer", Duration.ofSeconds(3));
        call(token).then().statusCode(anyOf(is(200), is(404), is(503)));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertRefused(token));
    }

    private static Response call(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/routes/+4791234001");
    }

    private static void assertRefused(String token) {
        call(token).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.UNAUTHENTICATED));
    }
}
