package com.calroute.ewssim.throttling;

/**
 * A token bucket: {@code ratePerSecond} tokens flow in continuously up to {@code capacity}. A request takes one
 * token; when none is left the bucket says how long until one is, which becomes BackOffMilliseconds.
 */
public final class TokenBucket {
    private final double ratePerSecond;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        if (ratePerSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("rate must be positive and capacity at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes a token and returns 0, or returns the milliseconds until a token is available. */
    public synchronized long tryTake(long nowNanos) {
        double elapsedSeconds = (nowNanos - lastRefillNanos) / 1e9;
        tokens = Math.min(capacity, tokens + elapsedSeconds * ratePerSecond);
        lastRefillNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerSecond * 1000));
    }

    public double ratePerSecond() { return ratePerSecond; }
    public double capacity() { return capacity; }
}
