package com.calroute.sync.plan;

/**
 * Why reading a mailbox (or testing a connection) failed, at the level a tenant admin can act on. Each kind knows
 * whether waiting helps: transient kinds are retried with back-off, the others wait for someone to fix settings.
 */
public enum FailureKind {
    NOT_CONFIGURED(false),
    PLAIN_HTTP(false),
    BLOCKED_ADDRESS(false),
    DNS(true),
    CONNECT(true),
    TLS(false),
    AUTH(false),
    IMPERSONATION(false),
    MAILBOX(false),
    SERVER_BUSY(true),
    UNAVAILABLE(true),
    TIMEOUT(true),
    UNSAFE_RESPONSE(false),
    MALFORMED_RESPONSE(true),
    UNEXPECTED(true);

    private final boolean transientFault;

    FailureKind(boolean transientFault) {
        this.transientFault = transientFault;
    }

    /** True when retrying later may succeed without anyone changing settings. */
    public boolean transientFault() {
        return transientFault;
    }
}
