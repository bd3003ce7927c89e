package com.calroute.contracts.connection;

import java.util.List;

/**
 * The stable codes of a connection diagnosis: the {@code code} of a {@link ConnectionTestResult} and the
 * {@code lastErrorKind} of a user's sync health. Clients translate them; the English {@code message} (or
 * {@code lastError}) says the same for those that do not. Each line names the {@code params} the code may carry;
 * a connection test adds {@code host} (the server it talked to) and {@code mailbox} (when one was tested).
 */
public final class DiagnosisCodes {

    /** The connection works (test only); params {@code mailbox} when a calendar was read, {@code grant} for Graph. */
    public static final String OK = "ok";
    /** The tenant has no usable connection yet (none saved, or its URL or certificate cannot be used). */
    public static final String NOT_CONFIGURED = "not-configured";
    /** The URL uses plain http, which only operator-listed endpoints may. */
    public static final String PLAIN_HTTP = "plain-http";
    /** The server name resolves to a private or local address, which is not allowed; params {@code address}. */
    public static final String BLOCKED_ADDRESS = "blocked-address";
    /** The server name cannot be found (DNS). */
    public static final String DNS_NOT_FOUND = "dns-not-found";
    /** Nothing answers at the address and port, or a firewall blocks it. */
    public static final String CONNECTION_REFUSED = "connection-refused";
    /** The server's certificate is not trusted; params {@code reason}: untrusted-authority, host-mismatch, expired, handshake-failed, unreadable-ca. */
    public static final String TLS_UNTRUSTED = "tls-untrusted";
    /** The credentials were refused (EWS user name or password; Graph tenant, client id, secret or certificate). */
    public static final String UNAUTHORIZED = "unauthorized";
    /** The service account may not impersonate the mailbox (EWS ApplicationImpersonation), or the Graph app may not read it. */
    public static final String IMPERSONATION_DENIED = "impersonation-denied";
    /** Graph: the app's token has no tenant-wide Calendars.Read and no mailbox was named to prove an RBAC grant. */
    public static final String PERMISSION_MISSING = "permission-missing";
    /** The mailbox does not exist. */
    public static final String MAILBOX_NOT_FOUND = "mailbox-not-found";
    /** Exchange is busy and asked Calroute to wait; params {@code backOffMs} when it said how long. */
    public static final String THROTTLED = "throttled";
    /** Exchange is temporarily unavailable; params {@code httpStatus} when known. */
    public static final String SERVER_UNAVAILABLE = "server-unavailable";
    /** Exchange did not answer in time. */
    public static final String TIMEOUT = "timeout";
    /** The answer contained an XML document type declaration, which Calroute refuses to read. */
    public static final String UNSAFE_ANSWER = "unsafe-answer";
    /** The answer could not be read as an EWS (or Graph) response. */
    public static final String MALFORMED_ANSWER = "malformed-answer";
    /** Exchange answered with an error Calroute does not know; params {@code error} (the server's code) when given. */
    public static final String UNEXPECTED_ANSWER = "unexpected-answer";

    /** Every code above. */
    public static final List<String> ALL = List.of(OK, NOT_CONFIGURED, PLAIN_HTTP, BLOCKED_ADDRESS, DNS_NOT_FOUND,
            CONNECTION_REFUSED, TLS_UNTRUSTED, UNAUTHORIZED, IMPERSONATION_DENIED, PERMISSION_MISSING,
            MAILBOX_NOT_FOUND, THROTTLED, SERVER_UNAVAILABLE, TIMEOUT, UNSAFE_ANSWER, MALFORMED_ANSWER,
            UNEXPECTED_ANSWER);

    private DiagnosisCodes() {
    }

    /**
     * The code a failing {@code step} stands for when a checker sent none (an older calendar-sync-service during a
     * rolling update).
     */
    public static String ofStep(ConnectionTestStep step) {
        return switch (step) {
            case OK -> OK;
            case DNS -> DNS_NOT_FOUND;
            case CONNECT -> CONNECTION_REFUSED;
            case TLS -> TLS_UNTRUSTED;
            case AUTH, TOKEN -> UNAUTHORIZED;
            case IMPERSONATION -> IMPERSONATION_DENIED;
            case MAILBOX -> MAILBOX_NOT_FOUND;
            case PERMISSION -> PERMISSION_MISSING;
        };
    }
}
