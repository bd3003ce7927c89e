package com.calroute.bench.routing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs bearer tokens for the benchmark with a fresh RSA key, as Keycloak would: RS256, the roles in
 * {@code realm_access.roles}, the {@code tenant} claim, the Calroute API audience and {@code typ} Bearer (the services
 * accept nothing else). Writes the public key (for {@code quarkus.oidc.public-key})
 * and the token to files, so the service checks every request's signature for real.
 */
public final class Tokens {

    /** The issuer the bench tokens carry and the service is told to expect. */
    public static final String ISSUER = "https://bench.calroute.invalid/realms/calroute";

    private Tokens() {
    }

    /** Arguments: public-key output file, token output file. */
    public static void main(String[] args) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(Path.of(args[0]), Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"bench\"}";
        String payload = ("{\"iss\":\"%s\",\"sub\":\"call-control-bench\",\"aud\":\"calroute-api\",\"typ\":\"Bearer\","
                + "\"iat\":%d,\"exp\":%d,"
                + "\"realm_access\":{\"roles\":[\"call-control\"]},\"tenant\":\"bench\"}")
                .formatted(ISSUER, now, now + 4 * 3600);
        String signingInput = b64(header) + "." + b64(payload);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        Files.writeString(Path.of(args[1]), token);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
