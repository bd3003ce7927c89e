package com.calroute.ewssim.graph;

import com.calroute.ewssim.control.ControlJson;
import com.fasterxml.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issues and checks app-only access tokens shaped like Entra's: a three-part JWT (header, claims with
 * {@code aud}, {@code iss}, {@code tid}, {@code appid}, {@code roles}, {@code iat}/{@code nbf}/{@code exp}), signed
 * here with HMAC-SHA256 under a per-simulator key so a tampered or foreign token is refused.
 */
public final class GraphTokens {
    static final String AUDIENCE = "https://graph.microsoft.com";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key = new byte[32];
    private final Clock clock;

    /** The claims of a verified token. */
    public record Claims(String tenantId, String appId, List<String> roles, Instant expires) {
    }

    public GraphTokens(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    public String issue(GraphApp app, Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("alg", "HS256");
        header.put("kid", "calroute-simulator");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", AUDIENCE);
        claims.put("iss", "https://sts.windows.net/" + app.tenantId() + "/");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(app.tokenLifetimeSeconds()).getEpochSecond());
        claims.put("app_displayname", "calroute");
        claims.put("appid", app.clientId());
        claims.put("idtyp", "app");
        claims.put("oid", UUID.nameUUIDFromBytes(app.clientId().getBytes(StandardCharsets.UTF_8)).toString());
        if (!app.permissions().isEmpty()) {
            // Entra leaves the claim out of a token for an app without consented application permissions.
            claims.put("roles", app.permissions());
        }
        claims.put("tid", app.tenantId());
        claims.put("uti", UUID.randomUUID().toString().replace("-", ""));
        claims.put("ver", "1.0");
        String unsigned = part(header) + "." + part(claims);
        return unsigned + "." + URL.encodeToString(sign(unsigned));
    }

    /** The claims of a well-formed, untampered, unexpired token; null otherwise. */
    public Claims verify(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
                return null;
            }
            JsonNode claims = ControlJson.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong());
            Instant now = clock.instant();
            if (!now.isBefore(expires) || now.isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()))) {
                return null;
            }
            List<String> roles = new java.util.ArrayList<>();
            claims.path("roles").forEach(role -> roles.add(role.asText()));
            return new Claims(claims.path("tid").asText(), claims.path("appid").asText(), roles, expires);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return URL.encodeToString(ControlJson.MAPPER.writeValueAsBytes(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] sign(String unsigned) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
