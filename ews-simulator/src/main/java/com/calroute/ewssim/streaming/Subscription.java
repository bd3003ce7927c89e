package com.calroute.ewssim.streaming;

import com.calroute.ewssim.mailbox.MailboxEvent;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An EWS notification subscription on one mailbox's calendar folder. Events are numbered by watermark; a pull
 * subscription hands them out through GetEvents, a streaming one pushes them down its current connection.
 */
public final class Subscription {
    /** Pull or streaming (push subscriptions to a client URL are not simulated). */
    public enum Kind { PULL, STREAMING }

    /** An event waiting to be delivered, with its watermark. */
    public record PendingEvent(long watermark, MailboxEvent event) {
    }

    private static final int MAX_PENDING = 10_000;

    private final String id;
    private final Kind kind;
    private final String mailbox;
    private final String accountKey;
    private final String budgetKey;
    private final Set<MailboxEvent.Type> eventTypes;
    private final boolean watchesCalendar;
    private final int timeoutMinutes;
    private final List<PendingEvent> pending = new ArrayList<>();
    private long lastWatermark;
    private volatile StreamingConnection connection;
    private volatile Instant lastActivity;

    public Subscription(Kind kind, String mailbox, String accountKey, String budgetKey, Set<MailboxEvent.Type> eventTypes,
            boolean watchesCalendar, int timeoutMinutes, Instant now) {
        UUID uuid = UUID.randomUUID();
        ByteBuffer raw = ByteBuffer.allocate(48);
        raw.put((byte) 0x1B).put((byte) 0x00).put((byte) 0x6D).put((byte) 0x62);
        raw.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        raw.put(mailbox.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, Math.min(28, mailbox.length()));
        this.id = Base64.getEncoder().encodeToString(raw.array());
        this.kind = kind;
        this.mailbox = mailbox;
        this.accountKey = accountKey;
        this.budgetKey = budgetKey;
        this.eventTypes = Set.copyOf(eventTypes);
        this.watchesCalendar = watchesCalendar;
        this.timeoutMinutes = timeoutMinutes;
        this.lastActivity = now;
    }

    public String id() { return id; }
    public Kind kind() { return kind; }
    public String mailbox() { return mailbox; }
    public String accountKey() { return accountKey; }
    public String budgetKey() { return budgetKey; }
    public int timeoutMinutes() { return timeoutMinutes; }
    public Instant lastActivity() { return lastActivity; }
    public void touch(Instant now) { lastActivity = now; }
    public StreamingConnection connection() { return connection; }
    public void attach(StreamingConnection newConnection) { connection = newConnection; }

    public void detach(StreamingConnection oldConnection) {
        if (connection == oldConnection) {
            connection = null;
        }
    }

    /** Queues the event if this subscription asked for its type; returns whether it did. */
    public synchronized boolean offer(MailboxEvent event) {
        if (!watchesCalendar || !eventTypes.contains(event.type())) {
            return false;
        }
        lastWatermark++;
        if (pending.size() >= MAX_PENDING) {
            pending.remove(0);
        }
        pending.add(new PendingEvent(lastWatermark, event));
        return true;
    }

    /** Removes and returns all queued events (streaming delivery). */
    public synchronized List<PendingEvent> drain() {
        List<PendingEvent> drained = new ArrayList<>(pending);
        pending.clear();
        return drained;
    }

    public synchronized long currentWatermark() {
        return lastWatermark;
    }

    /**
     * Pull delivery: acknowledges everything up to {@code watermark} and returns up to {@code max} later events.
     */
    public synchronized List<PendingEvent> eventsAfter(long watermark, int max) {
        pending.removeIf(p -> p.watermark() <= watermark);
        return new ArrayList<>(pending.subList(0, Math.min(max, pending.size())));
    }

    public synchronized boolean hasMoreAfter(long watermark) {
        return pending.stream().anyMatch(p -> p.watermark() > watermark);
    }

    public String watermarkString(long watermark) {
        ByteBuffer raw = ByteBuffer.allocate(24);
        raw.putLong(watermark).putInt(id.hashCode()).putInt(0x45585348).putLong(~watermark);
        return Base64.getEncoder().encodeToString(raw.array());
    }

    /** Parses a watermark this subscription issued; -1 when it is not one. */
    public long parseWatermark(String text) {
        try {
            ByteBuffer raw = ByteBuffer.wrap(Base64.getDecoder().decode(text.trim()));
            if (raw.capacity() != 24) {
                return -1;
            }
            long watermark = raw.getLong();
            if (raw.getInt() != id.hashCode() || raw.getInt() != 0x45585348 || raw.getLong() != ~watermark) {
                return -1;
            }
            return watermark <= lastWatermark() ? watermark : -1;
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return -1;
        }
    }

    private synchronized long lastWatermark() {
        return lastWatermark;
    }
}
