package com.calroute.sync.plan;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure in plain words for the tenant admin, with its kind, the parameters a client needs to say the same in
 * its own language (host, address, back-off...) and, for {@code ErrorServerBusy}, how long Exchange asked us to back
 * off. Never carries a password, token or meeting subject.
 */
public record Failure(FailureKind kind, String message, Duration serverBackOff, Map<String, String> params) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** A failure with a server-requested back-off and no parameters. */
    public Failure(FailureKind kind, String message, Duration serverBackOff) {
        this(kind, message, serverBackOff, Map.of());
    }

    /** A failure without a server-requested back-off. */
    public static Failure of(FailureKind kind, String message) {
        return new Failure(kind, message, null);
    }

    /** This failure with one more parameter (a null value is left out). */
    public Failure with(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new HashMap<>(params);
        more.put(name, value);
        return new Failure(kind, message, serverBackOff, more);
    }
}
