package com.calroute.ewssim.graph;

import com.calroute.ewssim.control.ControlJson;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks a certificate credential as the identity platform does: a client assertion JWT signed with the key of the
 * app's registered certificate — PS256 naming it by its SHA-256 thumbprint ({@code x5t#S256}), the form Microsoft's
 * certificate-credentials page asks for, or the older RS256 with the SHA-1 thumbprint ({@code x5t}) — with
 * {@code iss} = {@code sub} = the client id, {@code aud} = the tenant's token endpoint and a current
 * {@code nbf}/{@code exp}.
 */
final class ClientAssertions {
    private static final Base64.Decoder URL = Base64.getUrlDecoder();

    private ClientAssertions() {
    }

    static void verify(String assertion, GraphApp app, String tenant, Instant now) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            throw malformed();
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = ControlJson.MAPPER.readTree(URL.decode(parts[0]));
            claims = ControlJson.MAPPER.readTree(URL.decode(parts[1]));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw malformed();
        }
        X509Certificate registered = certificate(app.certificatePem());
        boolean sha256 = header.hasNonNull("x5t#S256");
        String named = header.path(sha256 ? "x5t#S256" : "x5t").asText().replace("=", "");
        if (registered == null || !thumbprint(registered, sha256 ? "SHA-256" : "SHA-1").equals(named)) {
            throw GraphEndpoint.GraphError.identity(401, "invalid_client", 700027, "The certificate with identifier"
                    + " used to sign the client assertion is not registered on application. [Reason - The key was not"
                    + " found., Thumbprint of key used by client: '" + named + "']");
        }
        try {
            Signature verifier = verifier(header.path("alg").asText());
            verifier.initVerify(registered.getPublicKey());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(URL.decode(parts[2]))) {
                throw signature();
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw signature();
        }
        if (!app.clientId().equalsIgnoreCase(claims.path("iss").asText())
                || !app.clientId().equalsIgnoreCase(claims.path("sub").asText())
                || !claims.path("aud").asText().endsWith("/" + tenant + "/oauth2/v2.0/token")) {
            throw signature();
        }
        long seconds = now.getEpochSecond();
        if (claims.path("exp").asLong() <= seconds || claims.path("nbf").asLong(0) > seconds + 300) {
            throw GraphEndpoint.GraphError.identity(400, "invalid_client", 700024,
                    "Client assertion is not within its valid time range.");
        }
    }

    private static String thumbprint(X509Certificate certificate, String digest) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance(digest).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PS256 (RSASSA-PSS, SHA-256, MGF1 SHA-256, 32-byte salt) or RS256; any other algorithm is refused. */
    private static Signature verifier(String alg) throws GeneralSecurityException {
        return switch (alg) {
            case "PS256" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            default -> throw new GeneralSecurityException("unsupported alg " + alg);
        };
    }

    private static X509Certificate certificate(String pem) {
        if (pem == null) {
            return null;
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static RuntimeException malformed() {
        return GraphEndpoint.GraphError.identity(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
    }

    private static RuntimeException signature() {
        return GraphEndpoint.GraphError.identity(401, "invalid_client", 700027,
                "Client assertion failed signature validation.");
    }
}
