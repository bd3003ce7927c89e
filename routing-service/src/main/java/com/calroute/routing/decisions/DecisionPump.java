package com.calroute.routing.decisions;

import java.util.List;

/**
 * The writer's one step, apart from any thread or database: take what the lookups queued, in batches, and store
 * it. A batch the store refuses is lost and counted; the pump never throws, so the writer keeps running and the
 * next flush tries again with whatever has been queued since.
 */
public final class DecisionPump {

    /** Where batches go (PostgreSQL in the service, a list in tests). */
    @FunctionalInterface
    public interface Store {
        /** Stores the batch as a whole, or throws. */
        void store(List<Decision> batch) throws Exception;
    }

    private final DecisionQueue queue;
    private final Store store;
    private final DecisionQueue.Drops drops;
    private final int batchSize;

    /** Writes {@code queue}'s decisions to {@code store} in batches of at most {@code batchSize}. */
    public DecisionPump(DecisionQueue queue, Store store, DecisionQueue.Drops drops, int batchSize) {
        this.queue = queue;
        this.store = store;
        this.drops = drops;
        this.batchSize = batchSize;
    }

    /** What one flush did: how many decisions it stored and lost, and why the store failed (null if it did not). */
    public record Flush(int stored, int lost, Exception failure) {
    }

    /**
     * Writes every decision queued when it starts (and no more than that, so a steady stream of lookups cannot keep
     * one flush running for ever). After the first refused batch the rest of what was queued is dropped too: the
     * store is away, and retrying it batch by batch would only hold the writer up.
     */
    public Flush flush() {
        int pending = queue.size();
        int stored = 0;
        while (pending > 0) {
            List<Decision> batch = queue.drain(Math.min(batchSize, pending));
            if (batch.isEmpty()) {
                break;
            }
            pending -= batch.size();
            try {
                store.store(batch);
                stored += batch.size();
            } catch (Exception e) {
                int lost = batch.size() + queue.drain(pending).size();
                drops.dropped(DecisionQueue.DropCause.STORE, lost);
                return new Flush(stored, lost, e);
            }
        }
        return new Flush(stored, 0, null);
    }
}
