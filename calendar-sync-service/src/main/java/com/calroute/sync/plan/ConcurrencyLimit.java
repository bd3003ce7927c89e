package com.calroute.sync.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * How many requests a tenant may have in flight, adapted to Exchange's budget (additive increase, multiplicative
 * decrease): an {@code ErrorServerBusy} halves the limit — once per back-off, since the requests already in flight
 * fail for the same reason — and every round of successes (as many as the limit) raises it by one, up to the cap.
 * Waiting out {@code BackOffMilliseconds} alone is not enough: if every worker resumes together when it ends, the
 * budget is spent again at once and most of them are refused, which costs Exchange more than the calls themselves.
 * Not thread-safe; its owner synchronises.
 */
public final class ConcurrencyLimit {

    private int cap;
    private int limit;
    private int successes;
    private Instant decreasedUntil = Instant.EPOCH;

    public ConcurrencyLimit(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, got " + cap);
        }
        this.cap = cap;
        this.limit = cap;
    }

    /** Requests allowed in flight now. */
    public int limit() {
        return limit;
    }

    /** The most the limit can grow to. */
    public int cap() {
        return cap;
    }

    /** A new cap (the server's version became known): the limit moves by as much, staying within 1 … cap. */
    public void resize(int newCap) {
        if (newCap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, got " + newCap);
        }
        limit = Math.max(1, Math.min(newCap, limit + newCap - cap));
        cap = newCap;
    }

    /** A request succeeded. */
    public void succeeded() {
        if (++successes >= limit) {
            successes = 0;
            limit = Math.min(cap, limit + 1);
        }
    }

    /** Exchange answered {@code ErrorServerBusy} at {@code now} and the tenant pauses for {@code pause}. */
    public void serverBusy(Instant now, Duration pause) {
        if (now.isBefore(decreasedUntil)) {
            return;
        }
        limit = Math.max(1, limit / 2);
        successes = 0;
        decreasedUntil = now.plus(pause);
    }
}
