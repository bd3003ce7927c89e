package com.calroute.sync.plan;

import java.time.Duration;
import java.util.Map;

/** The sentences a tenant admin reads in sync health and connection-test results: what failed and what to check. */
public final class PlainWords {

    /** The reasons {@code EwsFailures} gives for an untrusted certificate, as the {@code reason} parameter. */
    private static final Map<String, String> TLS_REASONS = Map.of(
            "issued by an authority that is not trusted", "untrusted-authority",
            "issued for a different host name", "host-mismatch",
            "expired", "expired",
            "the TLS handshake failed", "handshake-failed");

    private PlainWords() {
    }

    public static Failure notConfigured() {
        return Failure.of(FailureKind.NOT_CONFIGURED,
                "The tenant has no Exchange connection yet — fill in the Exchange settings");
    }

    public static Failure plainHttp(String endpoint) {
        return Failure.of(FailureKind.PLAIN_HTTP,
                "The EWS URL " + endpoint + " does not use https — Exchange must be reached over https");
    }

    public static Failure blockedAddress(String endpoint, String address) {
        return Failure.of(FailureKind.BLOCKED_ADDRESS, "The EWS URL " + endpoint + " leads to " + address
                + ", a private or local network address, which is not allowed — use the server's public address")
                .with("address", address);
    }

    public static Failure unknownHost(String host) {
        return Failure.of(FailureKind.DNS, "The Exchange server name " + host
                + " cannot be found (DNS) — check the EWS URL");
    }

    public static Failure cannotConnect(String endpoint) {
        return Failure.of(FailureKind.CONNECT, "Cannot connect to " + endpoint
                + " — the Exchange server is down, or a firewall blocks the connection");
    }

    public static Failure untrustedCertificate(String endpoint, String reason) {
        return Failure.of(FailureKind.TLS, "The Exchange server at " + endpoint
                + " presented a certificate that is not trusted (" + reason
                + ") — use a certificate from a public authority or add your CA certificate to the connection")
                .with("reason", TLS_REASONS.getOrDefault(reason, "handshake-failed"));
    }

    public static Failure badCredentials(String username) {
        return Failure.of(FailureKind.AUTH, "Exchange rejected the user name or password of the service account "
                + username + " — check the credentials");
    }

    public static Failure impersonationDenied(String mailbox) {
        return Failure.of(FailureKind.IMPERSONATION, "Exchange says the service account may not impersonate "
                + mailbox + " — check the ApplicationImpersonation role");
    }

    public static Failure noSuchMailbox(String mailbox) {
        return Failure.of(FailureKind.MAILBOX, "Exchange has no mailbox for " + mailbox
                + " — check the user's e-mail address");
    }

    public static Failure serverBusy(Duration backOff) {
        return new Failure(FailureKind.SERVER_BUSY, "Exchange is busy and asked us to wait "
                + (backOff == null ? "a moment" : backOff.toMillis() + " ms") + " — sync continues by itself",
                backOff).with("backOffMs", backOff == null ? null : String.valueOf(backOff.toMillis()));
    }

    public static Failure unavailable(int httpStatus) {
        return Failure.of(FailureKind.UNAVAILABLE, "Exchange is temporarily unavailable (HTTP " + httpStatus
                + ") — sync retries by itself").with("httpStatus", String.valueOf(httpStatus));
    }

    public static Failure timedOut() {
        return Failure.of(FailureKind.TIMEOUT, "Exchange did not answer in time — sync retries by itself");
    }

    public static Failure unsafeResponse() {
        return Failure.of(FailureKind.UNSAFE_RESPONSE, "Exchange's answer contained an XML document type declaration,"
                + " which Calroute refuses to read — check what answers at the EWS URL");
    }

    public static Failure malformedResponse() {
        return Failure.of(FailureKind.MALFORMED_RESPONSE,
                "Exchange's answer could not be read as an EWS response — check what answers at the EWS URL");
    }

    public static Failure unexpected(String code) {
        return Failure.of(FailureKind.UNEXPECTED, "Exchange answered with an unexpected error ("
                + (code == null ? "unknown" : code) + ") — sync retries by itself").with("error", code);
    }
}
