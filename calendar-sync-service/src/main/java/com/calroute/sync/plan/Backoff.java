package com.calroute.sync.plan;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before trying Exchange again. Transient faults (503, time-outs, refused connections) wait
 * exponentially longer with "equal jitter" — half the step fixed, half random — so many mailboxes failing together
 * do not retry in lock-step. {@code ErrorServerBusy} waits at least what Exchange asked for, plus a little jitter
 * on top, never less.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    /** {@code random} yields values in [0, 1). */
    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (1 for the first retry) after a transient fault. */
    public Duration afterTransientFault(int attempt) {
        int exponent = Math.max(0, Math.min(attempt - 1, 30));
        long stepMillis = Math.min(cap.toMillis(), base.toMillis() << Math.min(exponent, 20));
        long half = stepMillis / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (stepMillis - half)));
    }

    /** The wait after {@code ErrorServerBusy}: at least Exchange's {@code BackOffMilliseconds}, at most 10 % more. */
    public Duration afterServerBusy(Duration requested) {
        Duration floor = requested == null || requested.isNegative() || requested.isZero() ? base : requested;
        return floor.plusMillis((long) (random.getAsDouble() * floor.toMillis() * 0.1));
    }
}
