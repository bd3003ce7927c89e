package com.calroute.config.security;

import com.calroute.config.support.TestTokens;
import com.calroute.testing.security.SigningKeyChecks;
import com.calroute.testing.security.TestJwt;
import com.calroute.testing.security.TestRealm;
import com.calroute.testing.security.TestRealmProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Signing keys follow the realm's JWKS (issue 13): a key removed from the realm stops being trusted within the
 * bound, and tokens naming unknown kids cannot make the service fetch the JWKS more than once per forced-refresh
 * interval. The only test class that reads keys from a JWKS ({@link TestRealm}) instead of the fixed test key.
 */
@QuarkusTest
@TestProfile(TestRealmProfile.class)
class SigningKeysTest {

    private final TestRealm realm = TestRealm.instance();

    @Test
    void aKeyRemovedFromTheRealmStopsBeingTrusted() {
        String keyId = "config-rotated-" + UUID.randomUUID();
        realm.publishKey(keyId);
        String token = realm.sign(TestJwt.claims(TestTokens.operator()), keyId);
        SigningKeyChecks.assertARemovedKeyStopsBeingTrusted(token, () -> realm.removeKey(keyId),
                SigningKeysTest::status);
    }

    @Test
    void tokensNamingUnknownKeysCostAtMostOneJwksFetchPerInterval() {
        SigningKeyChecks.assertUnknownKeysCostBoundedJwksFetches(realm::jwksFetches,
                keyId -> TestJwt.sign(TestJwt.claims(TestTokens.operator()), TestJwt.signingKey(), keyId),
                SigningKeysTest::status);
    }

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/v1/tenants").statusCode();
    }
}
