package com.calroute.routing.api;

import com.calroute.routing.support.TestTokens;
import com.calroute.testing.kafka.KafkaTestResource;
import com.calroute.testing.security.SigningKeyChecks;
import com.calroute.testing.security.TestJwt;
import com.calroute.testing.security.TestRealm;
import com.calroute.testing.security.TestRealmProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Signing keys follow the realm's JWKS (issue 13): a key removed from the realm stops being trusted within the
 * bound, and tokens naming unknown kids cannot make the service fetch the JWKS more than once per forced-refresh
 * interval. An operator may not look routes up, so an accepted token ends in 403 and a refused one in 401. The only
 * test class that reads keys from a JWKS ({@link TestRealm}) instead of the fixed test key.
 */
@QuarkusTest
@TestProfile(TestRealmProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
class SigningKeysTest {

    private final TestRealm realm = TestRealm.instance();

    @Test
    void aKeyRemovedFromTheRealmStopsBeingTrusted() {
        String keyId = "routing-rotated-" + UUID.randomUUID();
        realm.publishKey(keyId);
        String token = realm.sign(TestJwt.claims(TestTokens.token("operator", TestTokens.AUDIENCE, "Bearer")), keyId);
        SigningKeyChecks.assertARemovedKeyStopsBeingTrusted(token, () -> realm.removeKey(keyId),
                SigningKeysTest::status);
    }

    @Test
    void tokensNamingUnknownKeysCostAtMostOneJwksFetchPerInterval() {
        SigningKeyChecks.assertUnknownKeysCostBoundedJwksFetches(realm::jwksFetches,
                keyId -> TestJwt.sign(TestJwt.claims(TestTokens.token("operator", TestTokens.AUDIENCE, "Bearer")),
                        TestJwt.signingKey(), keyId),
                SigningKeysTest::status);
    }

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/routes/+4791234001").statusCode();
    }
}
