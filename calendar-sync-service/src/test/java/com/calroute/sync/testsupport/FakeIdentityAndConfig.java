package com.calroute.sync.testsupport;

import com.calroute.contracts.connection.ExchangeConnection;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Keycloak and for config-service's internal connection endpoint, one per test JVM: an OIDC
 * issuer (discovery, JWKS, client-credentials token endpoint signing real RS256 JWTs) and
 * {@code GET /internal/v1/tenants/{id}/connection}, which insists on a valid bearer token with role
 * {@code service} — so the sync service's OIDC client and its connection cache are exercised for real.
 */
public final class FakeIdentityAndConfig {

    public static final String CLIENT_ID = "calroute-sync-service";
    public static final String CLIENT_SECRET = "test-sync-secret";
    /** The audience of every Calroute API access token (the realm's audience mapper). */
    public static final String AUDIENCE = "calroute-api";
    private static FakeIdentityAndConfig instance;

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final JwtConsumer verifier;
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, ExchangeConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connectionFetches = new ConcurrentHashMap<>();
    private final AtomicInteger rejectedFetches = new AtomicInteger();
    private final Map<String, RsaJsonWebKey> extraKeys = new ConcurrentHashMap<>();
    private final AtomicInteger introspections = new AtomicInteger();
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private FakeIdentityAndConfig() throws Exception {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("test-key");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-identity-config");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/realms/calroute", this::identity);
        server.createContext("/internal/v1/tenants/", this::connection);
        server.start();
        verifier = new JwtConsumerBuilder().setRequireExpirationTime().setExpectedIssuer(issuer())
                .setVerificationKey(key.getPublicKey()).setSkipDefaultAudienceValidation().build();
    }

    /** The one instance of this JVM, started on first use. */
    public static synchronized FakeIdentityAndConfig instance() {
        if (instance == null) {
            try {
                instance = new FakeIdentityAndConfig();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the fake identity provider", e);
            }
        }
        return instance;
    }

    /** Base URL (config-service's stand-in). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The OIDC issuer / auth-server-url. */
    public String issuer() {
        return baseUrl() + "/realms/calroute";
    }

    /** Makes config-service hand out this connection for its tenant. */
    public void putConnection(ExchangeConnection connection) {
        connections.put(connection.tenantId(), connection);
    }

    /** Forgets a tenant's connection (404 afterwards). */
    public void removeConnection(String tenantId) {
        connections.remove(tenantId);
    }

    /** How often the tenant's connection was fetched with a valid token. */
    public int fetches(String tenantId) {
        return connectionFetches.computeIfAbsent(tenantId, id -> new AtomicInteger()).get();
    }

    /** How many connection fetches were refused for a missing or bad token. */
    public int rejectedFetches() {
        return rejectedFetches.get();
    }

    /** How often the token introspection endpoint was called (the service must never call it). */
    public int introspections() {
        return introspections.get();
    }

    /** How often the JWKS was fetched. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** Publishes one more signing key in the JWKS, as a realm does before it rotates keys. */
    public void publishKey(String keyId) {
        try {
            RsaJsonWebKey extra = RsaJwkGenerator.generateJwk(2048);
            extra.setKeyId(keyId);
            extraKeys.put(keyId, extra);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a key published with {@link #publishKey} from the JWKS (the realm retired or revoked it). */
    public void removeKey(String keyId) {
        extraKeys.remove(keyId);
    }

    /** An access token signed with a key published by {@link #publishKey}, even after its removal. */
    public String tokenSignedWith(String keyId, String subject, String tenant, List<String> roles) {
        return sign(claims(subject, tenant, null, roles, AUDIENCE, "Bearer"), extraKeys.get(keyId));
    }

    /** An access token signed with the realm's key but naming the key {@code keyId} in its header. */
    public String tokenNamingKey(String keyId, String subject, String tenant, List<String> roles) {
        return sign(claims(subject, tenant, null, roles, AUDIENCE, "Bearer"), key, keyId);
    }

    /**
     * A token with this audience and Keycloak token type (claim {@code typ}: "Bearer" for access tokens; "ID",
     * "Refresh" and "Offline" for the kinds the service must refuse), signed with the realm's key.
     */
    public String tokenWith(String subject, String tenant, List<String> roles, Object audience, String type) {
        return sign(claims(subject, tenant, null, roles, audience, type), key);
    }

    /** A signed access token with these claims. */
    public String token(String subject, String tenant, String email, List<String> roles) {
        return sign(claims(subject, tenant, email, roles, AUDIENCE, "Bearer"), key);
    }

    private JwtClaims claims(String subject, String tenant, String email, List<String> roles, Object audience,
                             String type) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setSubject(subject);
        if (audience instanceof List<?> audiences) {
            claims.setAudience(audiences.stream().map(String::valueOf).toList());
        } else {
            claims.setAudience(String.valueOf(audience));
        }
        claims.setClaim("typ", type);
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setClaim("azp", subject);
        claims.setClaim("realm_access", Map.of("roles", roles));
        if (tenant != null) {
            claims.setClaim("tenant", tenant);
        }
        if (email != null) {
            claims.setClaim("email", email);
        }
        return claims;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key) {
        return sign(claims, key, key.getKeyId());
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key, String keyId) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(keyId);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void identity(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/.well-known/openid-configuration")) {
            json(exchange, 200, Map.of("issuer", issuer(),
                    "jwks_uri", issuer() + "/protocol/openid-connect/certs",
                    "token_endpoint", issuer() + "/protocol/openid-connect/token",
                    "introspection_endpoint", issuer() + "/protocol/openid-connect/token/introspect",
                    "authorization_endpoint", issuer() + "/protocol/openid-connect/auth",
                    "id_token_signing_alg_values_supported", List.of("RS256")));
        } else if (path.endsWith("/protocol/openid-connect/token/introspect")) {
            introspections.incrementAndGet();
            json(exchange, 200, Map.of("active", false));
        } else if (path.endsWith("/protocol/openid-connect/certs")) {
            jwksFetches.incrementAndGet();
            JsonWebKeySet keys = new JsonWebKeySet(key);
            extraKeys.values().forEach(keys::addJsonWebKey);
            byte[] body = keys.toJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } else if (path.endsWith("/protocol/openid-connect/token")) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String[] basic = basic(exchange.getRequestHeaders().getFirst("Authorization"));
            String clientId = basic != null ? basic[0] : form.get("client_id");
            String secret = basic != null ? basic[1] : form.get("client_secret");
            if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(clientId)
                    || !CLIENT_SECRET.equals(secret)) {
                json(exchange, 401, Map.of("error", "unauthorized_client"));
                return;
            }
            json(exchange, 200, Map.of("access_token", token(CLIENT_ID, null, null, List.of("service")),
                    "token_type", "Bearer", "expires_in", 600));
        } else {
            json(exchange, 404, Map.of("error", "not found"));
        }
    }

    private void connection(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean authorized = false;
        if (authorization != null && authorization.startsWith("Bearer ")) {
            try {
                JwtClaims claims = verifier.processToClaims(authorization.substring(7));
                Object access = claims.getClaimValue("realm_access");
                authorized = access instanceof Map<?, ?> map && map.get("roles") instanceof List<?> roles
                        && roles.contains("service");
            } catch (Exception e) {
                authorized = false;
            }
        }
        if (!authorized) {
            rejectedFetches.incrementAndGet();
            json(exchange, 401, Map.of("type", "urn:calroute:problem:unauthenticated"));
            return;
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        // /internal/v1/tenants/{tenantId}/connection
        String tenantId = parts.length >= 6 ? parts[4] : "";
        ExchangeConnection connection = connections.get(tenantId);
        if (connection == null || !"connection".equals(parts[parts.length - 1])) {
            json(exchange, 404, Map.of("type", "urn:calroute:problem:not-found"));
            return;
        }
        connectionFetches.computeIfAbsent(tenantId, id -> new AtomicInteger()).incrementAndGet();
        json(exchange, 200, connection);
    }

    private void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String[] basic(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    }
}
