package com.calroute.routing.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrivateKey KEY = loadKey();

    private TestTokens() {
    }

    /**
     * A token with this role, audience and Keycloak token type (claim {@code typ}: "Bearer" for access tokens; "ID",
     * "Refresh" and "Offline" for the kinds the service must refuse).
     */
    public static String token(String role, Object audience, String type) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", audience);
        claims.put("typ", type);
        claims.put("sub", role + "-subject");
        claims.put("iat", Instant.now().minusSeconds(5).getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(600).getEpochSecond());
        claims.put("realm_access", Map.of("roles", List.of(role)));
        try {
            String header = encode(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = encode(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(KEY);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + encode(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey loadKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/test-token-signing-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test signing key", e);
        }
    }
}
