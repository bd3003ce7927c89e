package com.calroute.sync.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a streaming group waits before opening its connection again. After a break, the back-off's wait for the
 * number of breaks in a row — a break within {@link #DROP_MEMORY} of the last one counts on — so a connection
 * Exchange keeps dropping is tried ever less often, with jitter so groups do not retry together. After
 * {@code ErrorExceededConnectionCount}, 2 s doubling to {@link #REFUSAL_WAIT_CAP}: the refusal lasts until Exchange's
 * next heartbeat finds the old connection gone. Not thread-safe; one per group.
 */
public final class StreamPacing {

    /** A break within this time of the last one counts as breaking again. */
    public static final Duration DROP_MEMORY = Duration.ofMinutes(5);
    /** The longest wait after a refused connection. */
    public static final Duration REFUSAL_WAIT_CAP = Duration.ofSeconds(30);

    private final Backoff backoff;
    private int drops;
    private Instant lastDrop = Instant.EPOCH;
    private int refusals;

    public StreamPacing(Backoff backoff) {
        this.backoff = backoff;
    }

    /** The stream broke at {@code now}: the wait before opening again. */
    public Duration afterDrop(Instant now) {
        drops = Duration.between(lastDrop, now).compareTo(DROP_MEMORY) < 0 ? drops + 1 : 1;
        lastDrop = now;
        return backoff.afterTransientFault(drops);
    }

    /** Exchange refused the connection for the anchor's connection count: the wait before opening again. */
    public Duration afterRefusal() {
        refusals++;
        return Duration.ofMillis(Math.min(REFUSAL_WAIT_CAP.toMillis(), 1_000L << Math.min(refusals, 10)));
    }

    /** A connection was accepted: refusals start counting from zero again. */
    public void accepted() {
        refusals = 0;
    }
}
