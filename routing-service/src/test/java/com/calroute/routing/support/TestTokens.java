package com.calroute.routing.support;

import com.calroute.testing.security.TestJwt;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs real RS256 tokens shaped like Keycloak's with the test key whose public half is
 * {@code %test.quarkus.oidc.public-key}, for the tests of quarkus-oidc's own checks (audience, token type); role and
 * tenant tests use {@code @TestSecurity}.
 */
public final class TestTokens {

    /** The issuer the test profile expects. */
    public static final String ISSUER = "https://test.calroute.invalid/realms/calroute";
    /** The audience of every Calroute API access token (the realm's audience mapper). */
    public static final String AUDIENCE = "calroute-api";

    private static final PrivateKey KEY = TestJwt.signingKey();

    private TestTokens() {
    }

    /**
     * A token with this role, audience and Keycloak token type (claim {@code typ}: "Bearer" for access tokens; "ID",
     * "Refresh" and "Offline" for the kinds the service must refuse).
     */
    public static String token(String role, Object audience, String type) {
        return token(role, audience, type, Duration.ofSeconds(600));
    }

    /** The same, expiring {@code lifetime} from now. */
    public static String token(String role, Object audience, String type, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", audience);
        claims.put("typ", type);
        claims.put("sub", role + "-subject");
        claims.put("iat", Instant.now().minusSeconds(5).getEpochSecond());
        claims.put("exp", Instant.now().plus(lifetime).getEpochSecond());
        claims.put("realm_access", Map.of("roles", List.of(role)));
        return TestJwt.sign(claims, KEY);
    }
}
