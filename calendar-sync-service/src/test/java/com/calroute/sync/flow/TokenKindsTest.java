package com.calroute.sync.flow;

import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.LogCapture;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.testing.security.SigningKeyChecks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Real tokens from the fake realm, verified by quarkus-oidc against its JWKS: only access tokens for the Calroute API
 * are accepted, only JWTs (never an introspection call), and the keys follow the realm's JWKS (issue 13). An employee
 * may not read sync health, so an accepted token ends in 403 and a refused one in 401.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class TokenKindsTest {

    private static final String PATH = "/api/v1/tenants/acme-api/sync-health";
    private static final List<String> EMPLOYEE = List.of("employee");

    private final FakeIdentityAndConfig realm = FakeIdentityAndConfig.instance();

    @Test
    void anAccessTokenForTheApiIsAuthenticated() {
        call(realm.tokenWith("kari", "acme-api", EMPLOYEE, FakeIdentityAndConfig.AUDIENCE, "Bearer")).then().statusCode(403);
        call(realm.tokenWith("kari", "acme-api", EMPLOYEE, List.of("account", FakeIdentityAndConfig.AUDIENCE), "Bearer"))
                .then().statusCode(403);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(realm.tokenWith("kari", "acme-api", EMPLOYEE, "account", "Bearer"));
        assertRefused(realm.tokenWith("kari", "acme-api", EMPLOYEE, List.of("account", "calroute-console"), "Bearer"));
    }

    @Test
    void idRefreshAndOfflineTokensAreRefused() {
        for (String type : List.of("ID", "Refresh", "Offline")) {
            assertRefused(realm.tokenWith("kari", "acme-api", EMPLOYEE, FakeIdentityAndConfig.AUDIENCE, type));
        }
    }

    @Test
    void anOpaqueTokenIsRefusedWithoutIntrospectionNorAnErrorLine() {
        int introspectionsBefore = realm.introspections();
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                assertRefused("opaque-" + UUID.randomUUID());
            }
            assertThat(realm.introspections()).as("introspection calls").isEqualTo(introspectionsBefore);
            assertThat(logs.errors()).as("ERROR lines").isEmpty();
        }
    }

    @Test
    void aKeyNewToTheJwksIsFetchedAndARemovedOneStopsBeingTrusted() {
        String keyId = "rotated-" + UUID.randomUUID();
        realm.publishKey(keyId);
        String token = realm.tokenSignedWith(keyId, "kari", "acme-api", EMPLOYEE);
        SigningKeyChecks.assertARemovedKeyStopsBeingTrusted(token, () -> realm.removeKey(keyId),
                TokenKindsTest::status);
        int introspectionsBefore = realm.introspections();
        assertRefused(token);
        assertThat(realm.introspections()).as("a JWT with an unknown key is not introspected either")
                .isEqualTo(introspectionsBefore);
    }

    @Test
    void tokensNamingUnknownKeysCostAtMostOneJwksFetchPerInterval() {
        int introspectionsBefore = realm.introspections();
        SigningKeyChecks.assertUnknownKeysCostBoundedJwksFetches(realm::jwksFetches,
                keyId -> realm.tokenNamingKey(keyId, "kari", "acme-api", EMPLOYEE), TokenKindsTest::status);
        assertThat(realm.introspections()).as("introspection calls").isEqualTo(introspectionsBefore);
    }

    private static int status(String token) {
        return call(token).statusCode();
    }

    private static Response call(String token) {
        return given().header("Authorization", "Bearer " + token).get(PATH);
    }

    private static void assertRefused(String token) {
        call(token).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:calroute:problem:unauthenticated"));
    }
}
