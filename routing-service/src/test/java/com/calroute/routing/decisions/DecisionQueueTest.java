package com.calroute.routing.decisions;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Lookups never wait for the log: a full queue drops and counts; a failing store loses its batch and counts it. */
class DecisionQueueTest {

    private final Map<DecisionQueue.DropCause, Integer> drops = new EnumMap<>(DecisionQueue.DropCause.class);
    private final DecisionQueue.Drops counter = (cause, n) -> drops.merge(cause, n, Integer::sum);

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        DecisionQueue queue = new DecisionQueue(3, counter);
        for (int i = 0; i < 5; i++) {
            queue.offer(decision(i));
        }
        assertThat(queue.size()).isEqualTo(3);
        assertThat(drops).containsEntry(DecisionQueue.DropCause.QUEUE_FULL, 2);
        assertThat(queue.drain(10)).extracting(Decision::userId).containsExactly("u0", "u1", "u2");
    }

    @Test
    void offerNeverBlocksEvenWhileTheWriterIsStuckInTheStore() throws Exception {
        DecisionQueue queue = new DecisionQueue(2, counter);
        CountDownLatch storeEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DecisionPump pump = new DecisionPump(queue, batch -> {
            storeEntered.countDown();
            release.await();
        }, counter, 10);
        queue.offer(decision(0));
        Thread writer = new Thread(pump::flush);
        writer.start();
        assertThat(storeEntered.await(10, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        for (int i = 1; i <= 1000; i++) {
            queue.offer(decision(i));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
        assertThat(drops).containsEntry(DecisionQueue.DropCause.QUEUE_FULL, 998);
        release.countDown();
        writer.join(10_000);
    }

    @Test
    void thePumpStoresInBatchesOldestFirst() {
        DecisionQueue queue = new DecisionQueue(100, counter);
        List<List<String>> batches = new ArrayList<>();
        DecisionPump pump = new DecisionPump(queue,
                batch -> batches.add(batch.stream().map(Decision::userId).toList()), counter, 2);
        for (int i = 0; i < 5; i++) {
            queue.offer(decision(i));
        }
        DecisionPump.Flush flush = pump.flush();
        assertThat(flush.stored()).isEqualTo(5);
        assertThat(flush.failure()).isNull();
        assertThat(batches).containsExactly(List.of("u0", "u1"), List.of("u2", "u3"), List.of("u4"));
        assertThat(drops).isEmpty();
    }

    @Test
    void aFailingStoreLosesWhatWasQueuedCountsItAndNeverThrows() {
        DecisionQueue queue = new DecisionQueue(100, counter);
        IllegalStateException down = new IllegalStateException("database down");
        DecisionPump pump = new DecisionPump(queue, batch -> {
            throw down;
        }, counter, 2);
        for (int i = 0; i < 5; i++) {
            queue.offer(decision(i));
        }
        DecisionPump.Flush flush = pump.flush();
        assertThat(flush.stored()).isZero();
        assertThat(flush.lost()).isEqualTo(5);
        assertThat(flush.failure()).isSameAs(down);
        assertThat(drops).containsEntry(DecisionQueue.DropCause.STORE, 5);
        assertThat(queue.size()).isZero();
    }

    @Test
    void oneFlushTakesOnlyWhatWasQueuedWhenItStarted() {
        DecisionQueue queue = new DecisionQueue(100, counter);
        int[] next = {10};
        DecisionPump pump = new DecisionPump(queue, batch -> queue.offer(decision(next[0]++)), counter, 1);
        queue.offer(decision(0));
        queue.offer(decision(1));
        assertThat(pump.flush().stored()).isEqualTo(2);
        assertThat(queue.size()).isEqualTo(2);
    }

    private static Decision decision(int i) {
        return new Decision(Instant.parse("2026-12-01T09:42:00Z"), "acme", "u" + i, "+4791234001", "…567", "BUSY",
                "VOICEMAIL", null, "CALENDAR", "BUSY", null, null, null, false);
    }
}
