package com.calroute.testing.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the realm's OIDC discovery and JWKS endpoints, one per test JVM, so a service's tests can
 * publish and remove signing keys and count how often the service fetches the JWKS. Point a service at it with
 * {@link TestRealmProfile}; sign tokens with {@link #sign}.
 */
public final class TestRealm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestRealm instance;

    private final HttpServer server;
    private final Map<String, KeyPair> generated = new ConcurrentHashMap<>();
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private TestRealm() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/calroute/.well-known/openid-configuration", exchange -> json(exchange,
                Map.of("issuer", issuer(), "jwks_uri", issuer() + "/protocol/openid-connect/certs",
                        "id_token_signing_alg_values_supported", List.of("RS256"))));
        server.createContext("/realms/calroute/protocol/openid-connect/certs", exchange -> {
            jwksFetches.incrementAndGet();
            json(exchange, Map.of("keys", published.stream().map(keyId -> jwk(keyId, generated.get(keyId))).toList()));
        });
        server.start();
    }

    /** The one realm of this JVM, started on first use. */
    public static synchronized TestRealm instance() {
        if (instance == null) {
            try {
                instance = new TestRealm();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test realm", e);
            }
        }
        return instance;
    }

    /** The realm URL, a service's {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/calroute";
    }

    /** Publishes a new signing key in the JWKS, as a realm does when it rotates keys. */
    public void publishKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            generated.put(keyId, generator.generateKeyPair());
            published.add(keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a key from the JWKS (the realm retired or revoked it); {@link #sign} still signs with it. */
    public void removeKey(String keyId) {
        published.remove(keyId);
    }

    /** These claims signed with the key published as {@code keyId}, even after its removal. */
    public String sign(Map<String, Object> claims, String keyId) {
        KeyPair pair = generated.get(keyId);
        if (pair == null) {
            throw new IllegalArgumentException("no key " + keyId + " was published");
        }
        return TestJwt.sign(claims, pair.getPrivate(), keyId);
    }

    /** How often the JWKS was fetched. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    private static Map<String, Object> jwk(String keyId, KeyPair pair) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", unsigned(key.getModulus()));
        jwk.put("e", unsigned(key.getPublicExponent()));
        return jwk;
    }

    /** Base64url of the big-endian magnitude, without the sign byte BigInteger may add (RFC 7518 §6.3.1). */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void json(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
