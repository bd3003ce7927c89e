package com.calroute.sync.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure in plain words for the tenant admin, with its kind and, for {@code ErrorServerBusy}, how long Exchange
 * asked us to back off. Never carries a password, token or meeting subject.
 */
public record Failure(FailureKind kind, String message, Duration serverBackOff) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** A failure without a server-requested back-off. */
    public static Failure of(FailureKind kind, String message) {
        return new Failure(kind, message, null);
    }
}
