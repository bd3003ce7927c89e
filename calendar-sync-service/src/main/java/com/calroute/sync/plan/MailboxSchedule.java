package com.calroute.sync.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One tenant's mailboxes and when each is to be read. A mailbox is idle, queued (with an urgency), running, or
 * waiting until a time (a first read waiting for its change feed, or a retry after a fault). A request while it
 * runs marks it dirty, so it is read once more right after — a change is never lost to a read already under way,
 * and never read twice in parallel. A read that fails waits as {@link RetryPolicy} says; when the tenant's
 * Exchange comes back after an outage, every mailbox waiting out a transient fault is read at once, so its health
 * does not keep saying ERROR for the rest of its back-off. Not thread-safe; its owner synchronises.
 */
public final class MailboxSchedule {

    /** Failed reads in a row that make an outage, as opposed to one mailbox's own trouble. */
    static final int OUTAGE_FAILURES = 3;

    /**
     * A read handed to a worker; {@code changeNotedAt} is when Exchange told us of a change, if it did; {@code ticket}
     * tells this read from a later one of the same key.
     */
    public record Read(String key, ReadUrgency urgency, Instant changeNotedAt, Instant startedAt, long ticket) {
    }

    private static final class Slot {
        final String key;
        ReadUrgency queued;
        boolean running;
        boolean dirty;
        boolean removed;
        int failures;
        boolean retryingTransientFault;
        Instant notBefore;
        Instant changeNotedAt;
        Instant lastReadStartedAt;
        long ticket;

        Slot(String key) {
            this.key = key;
        }
    }

    private record Wait(Instant until, Slot slot) {
        boolean current() {
            return !slot.removed && until.equals(slot.notBefore);
        }
    }

    private final RetryPolicy retries;
    private final Map<String, Slot> slots = new HashMap<>();
    private final Map<ReadUrgency, ArrayDeque<Slot>> queues = new EnumMap<>(ReadUrgency.class);
    private final PriorityQueue<Wait> waiting = new PriorityQueue<>(Comparator.comparing(Wait::until));
    private int failuresInARow;
    private long tickets;

    public MailboxSchedule(RetryPolicy retries) {
        this.retries = retries;
        for (ReadUrgency urgency : ReadUrgency.values()) {
            queues.put(urgency, new ArrayDeque<>());
        }
    }

    /**
     * Adds a mailbox; its first read waits {@code firstReadDelay} at most (the change feed asks for it earlier once
     * the mailbox is subscribed). Returns false if it was already there.
     */
    public boolean add(String key, Instant now, Duration firstReadDelay) {
        if (slots.containsKey(key)) {
            return false;
        }
        Slot slot = new Slot(key);
        slots.put(key, slot);
        firstRead(slot, now, firstReadDelay);
        return true;
    }

    /** The mailbox's address changed: it is read as if new (after the feed follows the new address). */
    public void readAsNew(String key, Instant now, Duration firstReadDelay) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        slot.lastReadStartedAt = null;
        if (slot.running) {
            slot.dirty = true;
        } else if (slot.queued == null) {
            slot.notBefore = null;
            firstRead(slot, now, firstReadDelay);
        }
    }

    private void firstRead(Slot slot, Instant now, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            enqueue(slot, ReadUrgency.NORMAL);
        } else {
            waitUntil(slot, now.plus(delay));
        }
    }

    /** Stops reading a mailbox; a read in flight finishes without consequences here. */
    public void remove(String key) {
        Slot slot = slots.remove(key);
        if (slot != null) {
            slot.removed = true;
        }
    }

    /** True while the mailbox is scheduled. */
    public boolean contains(String key) {
        return slots.containsKey(key);
    }

    /** How many mailboxes are scheduled. */
    public int size() {
        return slots.size();
    }

    /** The scheduled mailboxes. */
    public List<String> keys() {
        return new ArrayList<>(slots.keySet());
    }

    /** Asks for a read; a routine one does not disturb a mailbox that waits (it will be read anyway). */
    public void request(String key, ReadUrgency urgency, Instant changeNotedAt) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        if (changeNotedAt != null && slot.changeNotedAt == null) {
            slot.changeNotedAt = changeNotedAt;
        }
        if (slot.running) {
            slot.dirty = true;
            return;
        }
        if (slot.queued != null) {
            if (urgency.compareTo(slot.queued) < 0) {
                enqueue(slot, urgency);
            }
            return;
        }
        if (slot.notBefore != null) {
            if (urgency == ReadUrgency.ROUTINE) {
                return;
            }
            slot.notBefore = null;
        }
        enqueue(slot, urgency);
    }

    /** Reads now each of {@code keys} never read yet (its change feed cannot follow it, or gave up). */
    public void readUnread(Collection<String> keys) {
        for (String key : keys) {
            Slot slot = slots.get(key);
            if (slot != null && slot.lastReadStartedAt == null && !slot.running && slot.queued == null) {
                slot.notBefore = null;
                enqueue(slot, ReadUrgency.NORMAL);
            }
        }
    }

    /**
     * The change feed follows {@code keys} as of {@code since}: a change before that may have been missed, so each
     * not read since then is read now.
     */
    public void subscribed(Collection<String> keys, Instant since) {
        for (String key : keys) {
            Slot slot = slots.get(key);
            if (slot != null && slot.queued == null
                    && (slot.lastReadStartedAt == null || slot.lastReadStartedAt.isBefore(since))) {
                request(key, ReadUrgency.NORMAL, null);
            }
        }
    }

    /** True when a read of this urgency can start now. */
    public boolean hasQueued(ReadUrgency urgency, Instant now) {
        releaseDue(now);
        return head(urgency) != null;
    }

    /** Takes the next read of this urgency, or null. */
    public Read take(ReadUrgency urgency, Instant now) {
        releaseDue(now);
        Slot slot = head(urgency);
        if (slot == null) {
            return null;
        }
        queues.get(urgency).poll();
        slot.queued = null;
        slot.running = true;
        slot.dirty = false;
        Instant noted = slot.changeNotedAt;
        slot.changeNotedAt = null;
        slot.lastReadStartedAt = now;
        slot.ticket = ++tickets;
        return new Read(slot.key, urgency, noted, now, slot.ticket);
    }

    /** The read succeeded. Returns true if it ended an outage (and every mailbox waiting it out is queued). */
    public boolean succeeded(Read read, Instant now) {
        Slot slot = finishing(read);
        boolean outageEnded = failuresInARow >= OUTAGE_FAILURES;
        failuresInARow = 0;
        if (outageEnded) {
            retryTransientFaultsNow();
        }
        if (slot != null) {
            slot.failures = 0;
            slot.retryingTransientFault = false;
            if (slot.dirty) {
                enqueue(slot, ReadUrgency.CHANGE);
            }
        }
        return outageEnded;
    }

    /** The read failed with {@code kind}: it is retried as {@link RetryPolicy} says, or at once if asked again meanwhile. */
    public void failed(Read read, FailureKind kind, Instant now) {
        failuresInARow++;
        Slot slot = finishing(read);
        if (slot == null) {
            return;
        }
        slot.failures++;
        if (slot.dirty) {
            enqueue(slot, ReadUrgency.CHANGE);
            return;
        }
        Duration wait = retries.after(kind, slot.failures);
        if (wait.isZero()) {
            // Exchange is busy: the tenant's pause holds the read back, at its own urgency.
            enqueue(slot, read.urgency());
        } else {
            slot.retryingTransientFault = kind.transientFault();
            waitUntil(slot, now.plus(wait));
        }
    }

    /** When the next waiting mailbox becomes due, or null. */
    public Instant nextDue() {
        Wait next;
        while ((next = waiting.peek()) != null && !next.current()) {
            waiting.poll();
        }
        return next == null ? null : next.until();
    }

    private Slot finishing(Read read) {
        Slot slot = slots.get(read.key());
        if (slot == null || !slot.running || slot.ticket != read.ticket()) {
            // Removed (perhaps re-added, and read again) while the read ran: that read concerns nobody any more.
            return null;
        }
        slot.running = false;
        return slot;
    }

    private void retryTransientFaultsNow() {
        for (Slot slot : slots.values()) {
            if (slot.retryingTransientFault && slot.notBefore != null) {
                slot.notBefore = null;
                slot.retryingTransientFault = false;
                enqueue(slot, ReadUrgency.NORMAL);
            }
        }
    }

    private void enqueue(Slot slot, ReadUrgency urgency) {
        slot.queued = urgency;
        queues.get(urgency).add(slot);
    }

    private void waitUntil(Slot slot, Instant until) {
        slot.notBefore = until;
        waiting.add(new Wait(until, slot));
    }

    private void releaseDue(Instant now) {
        Wait next;
        while ((next = waiting.peek()) != null && !next.until().isAfter(now)) {
            waiting.poll();
            if (next.current()) {
                next.slot().notBefore = null;
                enqueue(next.slot(), ReadUrgency.NORMAL);
            }
        }
    }

    private Slot head(ReadUrgency urgency) {
        ArrayDeque<Slot> queue = queues.get(urgency);
        Slot slot;
        while ((slot = queue.peek()) != null && (slot.removed || slot.queued != urgency)) {
            queue.poll();
        }
        return slot;
    }
}
