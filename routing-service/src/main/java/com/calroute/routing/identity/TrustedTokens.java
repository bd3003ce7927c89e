package com.calroute.routing.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was learnt from checking a token, kept by the token's exact text until the earlier of its own expiry and a TTL
 * from when it was checked. Bounded: when full, the expired entries go and, if that is not enough, all of them (they
 * are only a saving; the next request checks its token again).
 *
 * @param <V> what a check of the token gave
 */
public final class TrustedTokens<V> {

    private record Trusted<V>(V value, long untilMillis) {
    }

    private final Clock clock;
    private final long ttlMillis;
    private final int capacity;
    private final ConcurrentHashMap<String, Trusted<V>> trusted = new ConcurrentHashMap<>();

    /** Trusts each token for at most {@code ttl} ({@code 0}: never), at most {@code capacity} tokens at once. */
    public TrustedTokens(Clock clock, Duration ttl, int capacity) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.capacity = capacity;
    }

    /** What the check of {@code token} gave, while it is trusted; null when it must be checked again. */
    public V get(String token) {
        Trusted<V> hit = trusted.get(token);
        return hit != null && clock.millis() < hit.untilMillis() ? hit.value() : null;
    }

    /** Trusts {@code token}, which a check found valid until {@code expiresAtEpochSecond}, to give {@code value}. */
    public void trust(String token, V value, long expiresAtEpochSecond, long checkedAtMillis) {
        long until = Math.min(checkedAtMillis + ttlMillis, Math.multiplyExact(expiresAtEpochSecond, 1000L));
        if (until <= clock.millis()) {
            return;
        }
        if (trusted.size() >= capacity) {
            long now = clock.millis();
            trusted.values().removeIf(entry -> entry.untilMillis() <= now);
            if (trusted.size() >= capacity) {
                trusted.clear();
            }
        }
        trusted.put(token, new Trusted<>(value, until));
    }

    /** How many tokens are trusted now or were until lately. */
    public int size() {
        return trusted.size();
    }
}
