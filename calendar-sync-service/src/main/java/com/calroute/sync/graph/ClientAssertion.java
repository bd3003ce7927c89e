package com.calroute.sync.graph;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificate credential of client credentials: a client assertion JWT signed PS256 (RSASSA-PSS, SHA-256) with
 * the app's private key, naming the certificate by its SHA-256 thumbprint ({@code x5t#S256}) — the form Microsoft's
 * certificate-credentials page asks for — issued by and about the client id, for the token endpoint, valid for ten
 * minutes.
 */
final class ClientAssertion {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);

    private ClientAssertion() {
    }

    static String sign(String pem, String clientId, String tokenUrl, Instant now) throws GraphException {
        try {
            Matcher first = CERTIFICATE.matcher(pem);
            if (!first.find()) {
                throw new GraphException(0, "CertificateUnreadable", "no PEM certificate", null, null);
            }
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(first.group().getBytes(StandardCharsets.US_ASCII)));
            Matcher key = KEY.matcher(pem);
            if (!key.find()) {
                throw new GraphException(0, "CertificateUnreadable", "no PKCS#8 private key", null, null);
            }
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder().decode(key.group(1).trim())));
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "PS256");
            header.put("typ", "JWT");
            header.put("x5t#S256", URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded())));
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("aud", tokenUrl);
            claims.put("iss", clientId);
            claims.put("sub", clientId);
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("nbf", now.getEpochSecond());
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plusSeconds(600).getEpochSecond());
            String unsigned = URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance("RSASSA-PSS");
            signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                    java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            signer.initSign(privateKey);
            signer.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new GraphException(0, "CertificateUnreadable", "the certificate or its key cannot be read", null, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
