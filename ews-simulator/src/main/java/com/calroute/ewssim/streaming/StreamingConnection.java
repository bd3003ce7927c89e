package com.calroute.ewssim.streaming;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** One open GetStreamingEvents response: the subscriptions it carries and the signal that wakes its writer. */
public final class StreamingConnection {
    private final String accountKey;
    private final String budgetKey;
    private final List<Subscription> subscriptions;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean pendingWake;
    private volatile boolean dropped;
    private volatile boolean closed;

    public StreamingConnection(String accountKey, String budgetKey, List<Subscription> subscriptions) {
        this.accountKey = accountKey;
        this.budgetKey = budgetKey;
        this.subscriptions = List.copyOf(subscriptions);
    }

    public String accountKey() { return accountKey; }
    public String budgetKey() { return budgetKey; }
    public List<Subscription> subscriptions() { return subscriptions; }
    public boolean dropped() { return dropped; }
    public boolean closed() { return closed; }

    public boolean carriesMailbox(String mailbox) {
        return subscriptions.stream().anyMatch(s -> s.mailbox().equals(mailbox));
    }

    public void wake() {
        lock.lock();
        try {
            pendingWake = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the writer to cut the connection abruptly (fault injection). */
    public void drop() {
        dropped = true;
        wake();
    }

    public void close() {
        closed = true;
        wake();
    }

    /** Waits until woken or the timeout passes; returns whether it was woken. */
    public boolean await(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long remaining = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
            while (!pendingWake && remaining > 0) {
                remaining = signal.awaitNanos(remaining);
            }
            boolean woken = pendingWake;
            pendingWake = false;
            return woken;
        } finally {
            lock.unlock();
        }
    }
}
