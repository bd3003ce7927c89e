package com.calroute.sync.schedule;

import com.calroute.sync.ews.EwsCalls;
import com.calroute.sync.ews.EwsFailures;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.ConcurrencyLimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One tenant's (service account's) door to Exchange: at most {@code cap} requests at once, and none while
 * Exchange's {@code ErrorServerBusy} back-off runs — the back-off applies to the account's whole budget, so every
 * worker of the tenant waits, and no other tenant does. Within the cap the number of requests in flight follows
 * {@link ConcurrencyLimit}: halved by a back-off, regained one by one as calls succeed, so the workers do not all
 * resume together and spend the budget again at once.
 */
public class TenantGate implements EwsCalls {

    private final Clock clock;
    private final Backoff backoff;
    private final SyncMetrics metrics;
    private final ConcurrencyLimit limit;
    private int running;
    private volatile Instant pausedUntil = Instant.EPOCH;

    public TenantGate(int cap, Clock clock, Backoff backoff, SyncMetrics metrics) {
        this.limit = new ConcurrencyLimit(cap);
        this.clock = clock;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /** Changes the cap (when the tenant's Exchange version becomes known); calls in flight finish under the old one. */
    public synchronized void resize(int newCap) {
        if (newCap != limit.cap()) {
            limit.resize(newCap);
            notifyAll();
        }
    }

    /** The current cap. */
    public synchronized int cap() {
        return limit.cap();
    }

    /** Requests allowed in flight right now (the cap, or less after a back-off). */
    public synchronized int limit() {
        return limit.limit();
    }

    /** Requests running right now. */
    public synchronized int inFlight() {
        return running;
    }

    /** True while Exchange's {@code ErrorServerBusy} back-off runs. */
    public boolean paused(Instant now) {
        return pausedUntil.isAfter(now);
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
        enter();
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            T result = call.run();
            succeeded = true;
            metrics.ewsCall(operation, "OK", System.nanoTime() - started);
            return result;
        } catch (Exception e) {
            String code = EwsFailures.errorCode(e);
            metrics.ewsCall(operation, code != null ? code : e.getClass().getSimpleName(), System.nanoTime() - started);
            Duration busy = EwsFailures.serverBusyBackOff(e);
            if (busy != null) {
                Duration wait = backoff.afterServerBusy(busy);
                synchronized (this) {
                    limit.serverBusy(clock.instant(), wait);
                }
                pause(wait);
            }
            throw e;
        } finally {
            leave(succeeded);
        }
    }

    /**
     * Waits for a place within the limit and outside any pause. The pause is checked again after every wait: a
     * caller queued for a place while another caller's request met {@code ErrorServerBusy} must wait out that
     * pause too, or every queued caller spends a refusal of its own (seen: hundreds a second).
     */
    private synchronized void enter() throws InterruptedException {
        while (true) {
            long pausedMillis = Duration.between(clock.instant(), pausedUntil).toMillis();
            if (pausedMillis > 0) {
                wait(Math.min(pausedMillis, 1_000));
            } else if (running >= limit.limit()) {
                wait();
            } else {
                running++;
                return;
            }
        }
    }

    private synchronized void leave(boolean succeeded) {
        running--;
        if (succeeded) {
            limit.succeeded();
        }
        notifyAll();
    }
}
