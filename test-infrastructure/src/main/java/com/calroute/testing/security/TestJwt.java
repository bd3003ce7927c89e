package com.calroute.testing.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * Signs RS256 JWTs for tests, so a service's real bearer-token checks (signature, issuer, audience, type) run without
 * an identity provider. Each service's tests keep their key pair: the private half as the class-path resource
 * {@code /test-token-signing-key.pem}, the public half in {@code %test.quarkus.oidc.public-key}.
 */
public final class TestJwt {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestJwt() {
    }

    /** A compact JWS of these claims, signed with {@code key}. */
    public static String sign(Map<String, Object> claims, PrivateKey key) {
        return sign(Map.of("alg", "RS256", "typ", "JWT"), claims, key);
    }

    /** A compact JWS of these claims, signed with {@code key} and naming it {@code keyId} (header {@code kid}). */
    public static String sign(Map<String, Object> claims, PrivateKey key, String keyId) {
        return sign(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId), claims, key);
    }

    private static String sign(Map<String, Object> joseHeader, Map<String, Object> claims, PrivateKey key) {
        try {
            String header = encode(JSON.writeValueAsBytes(joseHeader));
            String payload = encode(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + encode(signature.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** The claims of a JWT, unverified (to re-sign a variant of a token). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> claims(String jwt) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("not a JWT", e);
        }
    }

    /** The test's PKCS#8 PEM signing key from the class path resource {@code /test-token-signing-key.pem}. */
    public static PrivateKey signingKey() {
        try (InputStream in = TestJwt.class.getResourceAsStream("/test-token-signing-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("no /test-token-signing-key.pem on the test class path");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test signing key", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
