package com.calroute.sync.schedule;

import com.calroute.sync.ews.EwsCalls;
import com.calroute.sync.ews.EwsFailures;
import com.calroute.sync.plan.Backoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One tenant's (service account's) door to Exchange: at most {@code cap} requests at once, and none while
 * Exchange's {@code ErrorServerBusy} back-off runs — the back-off applies to the account's whole budget, so every
 * worker of the tenant waits, and no other tenant does.
 */
public class TenantGate implements EwsCalls {

    private final Clock clock;
    private final Backoff backoff;
    private final SyncMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Semaphore permits;
    private volatile int cap;
    private volatile Instant pausedUntil = Instant.EPOCH;

    public TenantGate(int cap, Clock clock, Backoff backoff, SyncMetrics metrics) {
        this.cap = cap;
        this.permits = new Semaphore(cap, true);
        this.clock = clock;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /** Changes the cap (when the tenant's Exchange version becomes known); calls in flight finish under the old one. */
    public synchronized void resize(int newCap) {
        if (newCap != cap) {
            cap = newCap;
            permits = new Semaphore(newCap, true);
        }
    }

    /** The current cap. */
    public int cap() {
        return cap;
    }

    /** Requests running right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Stops this tenant's requests for {@code wait}. */
    public void pause(Duration wait) {
        Instant until = clock.instant().plus(wait);
        synchronized (this) {
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
        metrics.backedOff(wait);
    }

    @Override
    public <T> T call(String operation, EwsCall<T> call) throws Exception {
        waitOutPause();
        Semaphore held = permits;
        held.acquire();
        inFlight.incrementAndGet();
        long started = System.nanoTime();
        try {
            T result = call.run();
            metrics.ewsCall(operation, "OK", System.nanoTime() - started);
            return result;
        } catch (Exception e) {
            String code = EwsFailures.errorCode(e);
            metrics.ewsCall(operation, code != null ? code : e.getClass().getSimpleName(), System.nanoTime() - started);
            Duration busy = EwsFailures.serverBusyBackOff(e);
            if (busy != null) {
                pause(backoff.afterServerBusy(busy));
            }
            throw e;
        } finally {
            inFlight.decrementAndGet();
            held.release();
        }
    }

    private void waitOutPause() throws InterruptedException {
        while (true) {
            long waitMillis = Duration.between(clock.instant(), pausedUntil).toMillis();
            if (waitMillis <= 0) {
                return;
            }
            Thread.sleep(Math.min(waitMillis, 1_000));
        }
    }
}
