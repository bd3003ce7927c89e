package com.calroute.routing.timers;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Fires a callback for a key at the instant its status next changes, so status events go out with no new input
 * message. One thread and one priority queue: each user has at most one live entry (a newer schedule replaces
 * the older one, which is skipped when it surfaces), and every entry due at the same instant is taken in one
 * batch, so 10,000 users changing at 09:00:00 cost one wake-up and a loop, not 10,000 scheduled tasks.
 */
public final class ChangeTimers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeTimers.class);

    private record Entry(Instant at, String key) {
    }

    private final Clock clock;
    private final Consumer<String> onDue;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private final Map<String, Instant> dueAt = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxLatenessMillis;

    /** Timers reading time from {@code clock}, calling {@code onDue} with the key on their own thread. */
    public ChangeTimers(Clock clock, Consumer<String> onDue, String threadName) {
        this.clock = clock;
        this.onDue = onDue;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts the timer thread. */
    public void start() {
        thread.start();
    }

    /** Fires for {@code key} at {@code at}, replacing any earlier schedule of the key; null cancels. */
    public void schedule(String key, Instant at) {
        if (at == null) {
            dueAt.remove(key);
            return;
        }
        Instant previous = dueAt.put(key, at);
        if (at.equals(previous)) {
            return;
        }
        lock.lock();
        try {
            queue.add(new Entry(at, key));
            if (queue.peek().key().equals(key) && queue.peek().at().equals(at)) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether a key has a pending timer (for tests and diagnostics). */
    public Instant scheduledAt(String key) {
        return dueAt.get(key);
    }

    /** The largest delay seen between an entry's instant and its firing, in milliseconds. */
    public long maxLatenessMillis() {
        return maxLatenessMillis;
    }

    private void run() {
        while (running) {
            List<Entry> due;
            try {
                due = awaitDue();
            } catch (InterruptedException e) {
                return;
            }
            for (Entry entry : due) {
                if (!dueAt.remove(entry.key(), entry.at())) {
                    continue;
                }
                long lateness = clock.millis() - entry.at().toEpochMilli();
                if (lateness > maxLatenessMillis) {
                    maxLatenessMillis = lateness;
                }
                try {
                    onDue.accept(entry.key());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "status timer for %s failed", entry.key());
                }
            }
        }
    }

    private List<Entry> awaitDue() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                Entry head = queue.peek();
                long wait = head == null ? TimeUnit.SECONDS.toNanos(1)
                        : TimeUnit.MILLISECONDS.toNanos(head.at().toEpochMilli() - clock.millis());
                if (head != null && wait <= 0) {
                    List<Entry> due = new ArrayList<>();
                    Instant now = clock.instant();
                    while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
                        due.add(queue.poll());
                    }
                    return due;
                }
                if (!running) {
                    return List.of();
                }
                changed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
