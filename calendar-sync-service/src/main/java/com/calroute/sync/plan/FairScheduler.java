package com.calroute.sync.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares the service's workers among tenants. Work is taken by urgency first — any tenant's notified change before
 * any tenant's bulk work — and, within an urgency, from the tenants in turn (round-robin), so a tenant with 20,000
 * first reads queued gets one read per turn like a tenant with one. Each tenant also stays within what its Exchange
 * allows right now ({@link Capacity}: its concurrency, none while it backs off), and bulk work never takes the
 * workers reserved for live changes, so a change starts at once even while every bulk worker is busy.
 * Not thread-safe; its owner synchronises.
 */
public final class FairScheduler {

    /** How many reads a tenant may have running now: its Exchange concurrency, 0 while it backs off. */
    @FunctionalInterface
    public interface Capacity {
        int allowed(String tenantId, Instant now);

        /** The tenant is gone: whatever is kept for it may go. */
        default void forget(String tenantId) {
        }
    }

    /** A read given to a worker. */
    public record Assignment(String tenantId, MailboxSchedule.Read read) {
    }

    private static final class Lane {
        final MailboxSchedule schedule;
        int running;
        boolean forgotten;

        Lane(MailboxSchedule schedule) {
            this.schedule = schedule;
        }
    }

    private final RetryPolicy retries;
    private final int workers;
    private final int bulkWorkers;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final List<String> turns = new ArrayList<>();
    private final Map<ReadUrgency, Integer> nextTurn = new EnumMap<>(ReadUrgency.class);
    private int running;
    private int runningBulk;

    /** {@code workers} read at once at most, {@code liveReserve} of them only for live changes. */
    public FairScheduler(RetryPolicy retries, int workers, int liveReserve) {
        if (workers < 1 || liveReserve < 0 || liveReserve >= workers) {
            throw new IllegalArgumentException("need workers >= 1 and 0 <= liveReserve < workers, got "
                    + workers + " and " + liveReserve);
        }
        this.retries = retries;
        this.workers = workers;
        this.bulkWorkers = workers - liveReserve;
        for (ReadUrgency urgency : ReadUrgency.values()) {
            nextTurn.put(urgency, 0);
        }
    }

    /** The tenant's mailboxes (created on first use). */
    public MailboxSchedule tenant(String tenantId) {
        Lane lane = lanes.computeIfAbsent(tenantId, id -> {
            turns.add(id);
            return new Lane(new MailboxSchedule(retries));
        });
        lane.forgotten = false;
        return lane.schedule;
    }

    /**
     * The tenant is gone (deleted): its lane goes once no read of it runs any more, so a deleted tenant leaves
     * nothing behind. Its mailboxes must have been removed first.
     */
    public void forget(String tenantId) {
        Lane lane = lanes.get(tenantId);
        if (lane != null) {
            lane.forgotten = true;
            dropIfForgotten(tenantId, lane);
        }
    }

    private void dropIfForgotten(String tenantId, Lane lane) {
        if (lane.forgotten && lane.running == 0) {
            lanes.remove(tenantId);
            turns.remove(tenantId);
        }
    }

    /** How many tenants have a lane (for tests and metrics). */
    public int tenants() {
        return lanes.size();
    }

    /** The next read to start, or null if none may start now. */
    public Assignment next(Instant now, Capacity capacity) {
        if (running >= workers || turns.isEmpty()) {
            return null;
        }
        for (ReadUrgency urgency : ReadUrgency.values()) {
            if (urgency.bulk() && runningBulk >= bulkWorkers) {
                return null;
            }
            int count = turns.size();
            int first = nextTurn.get(urgency) % count;
            for (int i = 0; i < count; i++) {
                int turn = (first + i) % count;
                String tenantId = turns.get(turn);
                Lane lane = lanes.get(tenantId);
                if (lane.running >= capacity.allowed(tenantId, now) || !lane.schedule.hasQueued(urgency, now)) {
                    continue;
                }
                MailboxSchedule.Read read = lane.schedule.take(urgency, now);
                lane.running++;
                running++;
                if (urgency.bulk()) {
                    runningBulk++;
                }
                nextTurn.put(urgency, turn + 1);
                return new Assignment(tenantId, read);
            }
        }
        return null;
    }

    /** The read succeeded. */
    public void succeeded(Assignment assignment, Instant now) {
        Lane lane = release(assignment);
        lane.schedule.succeeded(assignment.read(), now);
        dropIfForgotten(assignment.tenantId(), lane);
    }

    /** The read failed with {@code kind}. */
    public void failed(Assignment assignment, FailureKind kind, Instant now) {
        Lane lane = release(assignment);
        lane.schedule.failed(assignment.read(), kind, now);
        dropIfForgotten(assignment.tenantId(), lane);
    }

    /** When the next waiting mailbox of any tenant becomes due, or null. */
    public Instant nextDue() {
        Instant earliest = null;
        for (Lane lane : lanes.values()) {
            Instant due = lane.schedule.nextDue();
            if (due != null && (earliest == null || due.isBefore(earliest))) {
                earliest = due;
            }
        }
        return earliest;
    }

    /** True when a read of {@code tenantId} could start now but waits for a worker or its turn. */
    public boolean waiting(String tenantId, Instant now) {
        Lane lane = lanes.get(tenantId);
        if (lane == null) {
            return false;
        }
        for (ReadUrgency urgency : ReadUrgency.values()) {
            if (lane.schedule.hasQueued(urgency, now)) {
                return true;
            }
        }
        return false;
    }

    /** Reads of {@code tenantId} running now. */
    public int running(String tenantId) {
        Lane lane = lanes.get(tenantId);
        return lane == null ? 0 : lane.running;
    }

    private Lane release(Assignment assignment) {
        Lane lane = lanes.get(assignment.tenantId());
        lane.running--;
        running--;
        if (assignment.read().urgency().bulk()) {
            runningBulk--;
        }
        return lane;
    }
}
