package com.calroute.routing.api;

import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.routing.support.OidcTokenChecks;
import com.calroute.routing.support.TestTokens;
import com.calroute.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * A token quarkus-oidc accepted is answered from trust on its next requests without quarkus-oidc's mechanism decoding
 * it again ({@code TrustedTokenMechanism}); every other token still goes through quarkus-oidc in full and is refused as
 * before. The trust lasts a minute here, so that no request of a test outlives it by the machine's slowness.
 */
@QuarkusTest
@TestProfile(RepeatedTokensTest.MinuteOfTrust.class)
@QuarkusTestResource(KafkaTestResource.class)
class RepeatedTokensTest {

    /** Tokens trusted for a minute after their check (at most until their own expiry). */
    public static class MinuteOfTrust implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("calroute.auth.verified-token-ttl", "60S");
        }
    }

    @Inject
    OidcTokenChecks oidcChecks;

    @Test
    void aTrustedTokenIsAnsweredWithoutQuarkusOidcDecodingItAgain() {
        String token = TestTokens.token("call-control", TestTokens.AUDIENCE, "Bearer");
        int firstStatus = call("Bearer " + token).then().statusCode(anyOf(is(200), is(404), is(503)))
                .extract().statusCode();

        for (int request = 0; request < 5; request++) {
            call("Bearer " + token).then().statusCode(firstStatus);
        }
        // quarkus-oidc reads the scheme in any case; so does the shortcut.
        call("bearer " + token).then().statusCode(firstStatus);
        call("BEARER " + token).then().statusCode(firstStatus);

        assertThat(oidcChecks.of(token)).isEqualTo(1);
    }

    @Test
    void aTrustedTokenStillCarriesOnlyItsOwnRoles() {
        String operator = TestTokens.token("operator", TestTokens.AUDIENCE, "Bearer");
        call("Bearer " + operator).then().statusCode(403);
        call("Bearer " + operator).then().statusCode(403);

        assertThat(oidcChecks.of(operator)).isEqualTo(1);
    }

    @Test
    void aChangedCopyOfATrustedTokenIsCheckedInFullAndRefused() {
        String token = TestTokens.token("call-control", TestTokens.AUDIENCE, "Bearer");
        call("Bearer " + token).then().statusCode(anyOf(is(200), is(404), is(503)));

        // A character inside the signature (the last one may only carry padding bits).
        int at = token.lastIndexOf('.') + 10;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        String longer = token + "x";
        String shorter = token.substring(0, token.length() - 1);
        for (String changed : new String[] {forged, longer, shorter}) {
            assertRefused(call("Bearer " + changed));
            assertRefused(call("Bearer " + changed));
            assertThat(oidcChecks.of(changed)).as("checks by quarkus-oidc of a changed copy").isEqualTo(2);
        }
        assertThat(oidcChecks.of(token)).isEqualTo(1);
    }

    @Test
    void aTrustedTokenIsCheckedInFullAndRefusedOnceItExpires() {
        String token = TestTokens.token("call-control", TestTokens.AUDIENCE, "Bearer", Duration.ofSeconds(3));
        call("Bearer " + token).then().statusCode(anyOf(is(200), is(404), is(503)));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertRefused(call("Bearer " + token)));
        assertThat(oidcChecks.of(token)).as("the refusal came from quarkus-oidc's own check").isGreaterThan(1);
    }

    @Test
    void aRequestWithoutABearerTokenGetsQuarkusOidcsRefusal() {
        assertRefused(given().get("/api/v1/routes/+4791234001"));
        String token = TestTokens.token("call-control", TestTokens.AUDIENCE, "Bearer");
        call("Bearer " + token).then().statusCode(anyOf(is(200), is(404), is(503)));
        // The trusted token under another scheme, or with the scheme's space doubled, is not that token.
        assertRefused(call("Basic " + token));
        assertRefused(call("Bearer  " + token));
    }

    private static Response call(String authorization) {
        return given().header("Authorization", authorization).get("/api/v1/routes/+4791234001");
    }

    private static void assertRefused(Response response) {
        response.then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.UNAUTHENTICATED));
    }
}
