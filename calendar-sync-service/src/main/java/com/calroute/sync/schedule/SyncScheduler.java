package com.calroute.sync.schedule;

import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.FairScheduler;
import com.calroute.sync.plan.MailboxSchedule;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the reads {@link FairScheduler} hands out. One dispatcher thread starts every read that may start (live
 * changes first, tenants in turn, each within what its Exchange allows) on a fixed set of workers, and sleeps
 * until a read ends, work arrives or a waiting mailbox becomes due. Nothing here blocks on Exchange: adding
 * 20,000 mailboxes is 20,000 map entries, not 20,000 reads in line.
 */
public final class SyncScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);
    /** How often the dispatcher looks again on its own: a tenant's back-off ends without telling it. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

    /** Reads and publishes one mailbox; returns null on success, else why it failed. */
    @FunctionalInterface
    public interface Reader {
        FailureKind read(String tenantId, MailboxSchedule.Read read);
    }

    private final FairScheduler fair;
    private final FairScheduler.Capacity capacity;
    private final Clock clock;
    private final Executor workers;
    private final Thread dispatcher;
    private Reader reader;
    private volatile boolean closed;

    public SyncScheduler(FairScheduler fair, FairScheduler.Capacity capacity, Clock clock, Executor workers) {
        this.fair = fair;
        this.capacity = capacity;
        this.clock = clock;
        this.workers = workers;
        this.dispatcher = new Thread(this::dispatchUntilClosed, "sync-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    /** Starts dispatching reads to {@code reader}. */
    public void start(Reader reader) {
        this.reader = reader;
        dispatcher.start();
    }

    /** True while a read of the tenant's mailboxes waits for a worker or its turn. */
    public boolean readsWaiting(String tenantId) {
        synchronized (fair) {
            return fair.waiting(tenantId, clock.instant());
        }
    }

    /** The tenant was deleted (its mailboxes already removed): its lane and gate go once no read of it runs. */
    public void forget(String tenantId) {
        synchronized (fair) {
            fair.forget(tenantId);
        }
        capacity.forget(tenantId);
    }

    /** Changes a tenant's schedule (add, remove, request …) and wakes the dispatcher. */
    public void change(String tenantId, Consumer<MailboxSchedule> edit) {
        synchronized (fair) {
            edit.accept(fair.tenant(tenantId));
            fair.notifyAll();
        }
    }

    /**
     * Starts every read that may start now on the workers; returns how many. The dispatcher calls it in a loop;
     * a test with a same-thread executor calls it itself, {@code reader} given.
     */
    public int dispatch(Reader with) {
        int started = 0;
        synchronized (fair) {
            FairScheduler.Assignment assignment;
            while (!closed && (assignment = fair.next(clock.instant(), capacity)) != null) {
                FairScheduler.Assignment running = assignment;
                workers.execute(() -> run(with, running));
                started++;
            }
        }
        return started;
    }

    private void dispatchUntilClosed() {
        while (!closed) {
            try {
                dispatch(reader);
                synchronized (fair) {
                    long wait = LOOK_AGAIN.toMillis();
                    Instant due = fair.nextDue();
                    if (due != null) {
                        wait = Math.max(1, Math.min(wait, Duration.between(clock.instant(), due).toMillis()));
                    }
                    fair.wait(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "the sync dispatcher failed; it carries on");
            }
        }
    }

    private void run(Reader with, FairScheduler.Assignment assignment) {
        FailureKind failure;
        try {
            failure = with.read(assignment.tenantId(), assignment.read());
        } catch (RuntimeException e) {
            LOG.errorf(e, "tenant %s: unexpected failure while syncing a mailbox", assignment.tenantId());
            failure = FailureKind.UNEXPECTED;
        }
        synchronized (fair) {
            if (failure == null) {
                fair.succeeded(assignment, clock.instant());
            } else {
                fair.failed(assignment, failure, clock.instant());
            }
            fair.notifyAll();
        }
    }

    /** Stops dispatching and interrupts the reads under way (they publish nothing after their mailbox left). */
    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        if (workers instanceof ExecutorService pool) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
