package com.calroute.sync.plan;

/**
 * Why reading a mailbox (or testing a connection) failed, at the level a tenant admin can act on. Each kind knows
 * whether waiting helps: transient kinds are retried with back-off, the others wait for someone to fix settings.
 */
public enum FailureKind {
    NOT_CONFIGURED(false, "not-configured"),
    PLAIN_HTTP(false, "plain-http"),
    BLOCKED_ADDRESS(false, "blocked-address"),
    DNS(true, "dns-not-found"),
    CONNECT(true, "connection-refused"),
    TLS(false, "tls-untrusted"),
    AUTH(false, "unauthorized"),
    IMPERSONATION(false, "impersonation-denied"),
    MAILBOX(false, "mailbox-not-found"),
    SERVER_BUSY(true, "throttled"),
    UNAVAILABLE(true, "server-unavailable"),
    TIMEOUT(true, "timeout"),
    UNSAFE_RESPONSE(false, "unsafe-answer"),
    MALFORMED_RESPONSE(true, "malformed-answer"),
    UNEXPECTED(true, "unexpected-answer");

    private final boolean transientFault;
    private final String code;

    FailureKind(boolean transientFault, String code) {
        this.transientFault = transientFault;
        this.code = code;
    }

    /**
     * The stable code clients see as a connection test's {@code code} and sync health's {@code lastErrorKind} (one of
     * contracts' {@code DiagnosisCodes}; a test keeps them equal).
     */
    public String code() {
        return code;
    }

    /** True when retrying later may succeed without anyone changing settings. */
    public boolean transientFault() {
        return transientFault;
    }
}
