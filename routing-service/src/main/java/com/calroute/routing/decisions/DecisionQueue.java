package com.calroute.routing.decisions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The hand-over between route lookups and the decision log's writer: bounded, and never waited on. A lookup only
 * offers its decision; when the writer has fallen behind (the store is slow or away) and the queue is full, the
 * decision is dropped and counted, so the log can lose records but never slow or fail a call.
 */
public final class DecisionQueue {

    /** Why records were lost; the metric's {@code cause} tag. */
    public enum DropCause {
        /** The queue was full when the lookup offered its decision. */
        QUEUE_FULL,
        /** The store refused or could not be reached when the writer wrote a batch. */
        STORE;

        /** The tag value, {@code queue_full} or {@code store}. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Counts lost records; implementations must not block. */
    @FunctionalInterface
    public interface Drops {
        /** {@code count} records were lost for {@code cause}. */
        void dropped(DropCause cause, int count);
    }

    private final ArrayBlockingQueue<Decision> queue;
    private final Drops drops;

    /** A queue holding at most {@code capacity} decisions not yet written. */
    public DecisionQueue(int capacity, Drops drops) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.drops = drops;
    }

    /** Hands a decision to the writer without waiting; a full queue drops it (counted). */
    public void offer(Decision decision) {
        if (!queue.offer(decision)) {
            drops.dropped(DropCause.QUEUE_FULL, 1);
        }
    }

    /** Takes up to {@code max} decisions, oldest first, without waiting; empty when there are none. */
    public List<Decision> drain(int max) {
        List<Decision> batch = new ArrayList<>(Math.min(max, queue.size()));
        queue.drainTo(batch, max);
        return batch;
    }

    /** How many decisions wait for the writer. */
    public int size() {
        return queue.size();
    }
}
