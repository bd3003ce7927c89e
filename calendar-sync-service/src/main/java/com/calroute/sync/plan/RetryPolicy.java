package com.calroute.sync.plan;

import java.time.Duration;

/**
 * How long a mailbox waits after a failed read. {@code ErrorServerBusy} waits nothing of its own: the tenant's
 * gate already pauses the whole service account, and the scheduler gives the tenant no worker until the pause ends.
 * Transient faults back off exponentially; faults that need someone to change settings are retried only now and
 * then (a settings change re-reads at once anyway).
 */
public record RetryPolicy(Backoff backoff, Duration settingsFaultRetry) {

    /** The wait after the {@code attempt}-th failure in a row (1 for the first) of kind {@code kind}. */
    public Duration after(FailureKind kind, int attempt) {
        if (kind == FailureKind.SERVER_BUSY) {
            return Duration.ZERO;
        }
        return kind.transientFault() ? backoff.afterTransientFault(attempt) : settingsFaultRetry;
    }
}
