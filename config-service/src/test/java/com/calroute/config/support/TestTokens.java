package com.calroute.config.support;

import com.calroute.testing.security.TestJwt;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs real RS256 bearer tokens shaped like Keycloak's (roles in {@code realm_access.roles}, {@code tenant} and
 * {@code email} claims) with the test key whose public half is {@code %test.quarkus.oidc.public-key}. Tests thereby
 * exercise quarkus-oidc's real token verification and role mapping, and may switch identity within one test.
 */
public final class TestTokens {

    /** The issuer the test profile expects. */
    public static final String ISSUER = "https://test.calroute.invalid/realms/calroute";
    /** The audience of every Calroute API access token (the realm's audience mapper); the services require it. */
    public static final String AUDIENCE = "calroute-api";

    private static final PrivateKey KEY = TestJwt.signingKey();

    private TestTokens() {
    }

    public static String operator() {
        return sign(ISSUER, "operator-subject", null, null, KEY, Instant.now().plusSeconds(600), "operator");
    }

    public static String tenantAdmin(String tenant) {
        return sign(ISSUER, "admin-of-" + tenant, tenant, "admin@" + tenant + ".example", KEY,
                Instant.now().plusSeconds(600), "tenant-admin");
    }

    /** An employee whose identity provider verified {@code email}; the subject follows from the e-mail. */
    public static String employee(String tenant, String email) {
        return employee(tenant, "employee-" + email.toLowerCase(Locale.ROOT), email, true);
    }

    /** An employee login {@code subject} whose token carries {@code email}, verified or not. */
    public static String employee(String tenant, String subject, String email, boolean emailVerified) {
        return sign(ISSUER, subject, tenant, email, emailVerified, KEY, Instant.now().plusSeconds(600), "employee");
    }

    public static String callControl() {
        return sign(ISSUER, "call-control-subject", null, null, KEY, Instant.now().plusSeconds(600), "call-control");
    }

    public static String service() {
        return sign(ISSUER, "service-account-calroute-sync-service", null, null, KEY, Instant.now().plusSeconds(600), "service");
    }

    /** A valid token of the tenant's realm with no roles claim at all (any login of the realm can get one). */
    public static String withoutRoles(String tenant) {
        return sign(ISSUER, "role-less-subject", tenant, "nobody@" + tenant + ".example", KEY,
                Instant.now().plusSeconds(600));
    }

    /** A token that expired an hour ago. */
    public static String expiredOperator() {
        return sign(ISSUER, "operator-subject", null, null, KEY, Instant.now().minusSeconds(3600), "operator");
    }

    /**
     * An operator token signed with the trusted key but with this audience and Keycloak token type (claim {@code typ}:
     * "Bearer" for access tokens; "ID", "Refresh" and "Offline" for the kinds the services must refuse).
     */
    public static String operatorWith(Object audience, String type) {
        Map<String, Object> claims = TestJwt.claims(operator());
        claims.put("aud", audience);
        claims.put("typ", type);
        return TestJwt.sign(claims, KEY);
    }

    /** A well-formed operator token signed by a key the service does not trust. */
    public static String forgedOperator() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(ISSUER, "operator-subject", null, null, generator.generateKeyPair().getPrivate(),
                    Instant.now().plusSeconds(600), "operator");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String issuer, String subject, String tenant, String email, PrivateKey key, Instant expires,
                               String... roles) {
        return sign(issuer, subject, tenant, email, false, key, expires, roles);
    }

    private static String sign(String issuer, String subject, String tenant, String email, boolean emailVerified,
                               PrivateKey key, Instant expires, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", AUDIENCE);
        claims.put("typ", "Bearer");
        claims.put("sub", subject);
        claims.put("iat", Instant.now().minusSeconds(5).getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        claims.put("preferred_username", subject);
        if (roles.length > 0) {
            claims.put("realm_access", Map.of("roles", List.of(roles)));
        }
        if (tenant != null) {
            claims.put("tenant", tenant);
        }
        if (email != null) {
            claims.put("email", email);
            claims.put("email_verified", emailVerified);
        }
        return TestJwt.sign(claims, key);
    }
}
