package com.calroute.sync.schedule;

import com.calroute.sync.plan.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TenantGateTest {

    @Test
    void callersQueuedForAPlaceWaitOutAPauseThatBeganWhileTheyWaited() throws Exception {
        TenantGate gate = new TenantGate(1, Clock.systemUTC(),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0),
                new SyncMetrics(new SimpleMeterRegistry()));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        AtomicLong pausedAt = new AtomicLong();
        ExecutorService callers = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        try {
            callers.submit(() -> gate.call("FindItem", () -> {
                holding.countDown();
                queued.await(5, TimeUnit.SECONDS);
                // Exchange answered ErrorServerBusy with BackOffMilliseconds 500 (as the gate does on one).
                pausedAt.set(System.nanoTime());
                gate.pause(Duration.ofMillis(500));
                return null;
            }));
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                callers.submit(() -> gate.call("FindItem", () -> {
                    startedAt.add(System.nanoTime());
                    return null;
                }));
            }
            // The three are waiting for the one place (in the gate's wait(), the holder in a timed wait on the latch)
            // when the first caller's request meets the refusal.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                    threads.stream().filter(thread -> thread.getState() == Thread.State.WAITING).count() == 3);
            queued.countDown();
            callers.shutdown();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            // The gate waits whole milliseconds of the wall clock, rounded down: a queued caller may start a
            // millisecond or two short of 500 ms, one that ignored the pause starts at once.
            assertThat(startedAt).hasSize(3).allSatisfy(started ->
                    assertThat(TimeUnit.NANOSECONDS.toMillis(started - pausedAt.get())).isGreaterThanOrEqualTo(495));
        } finally {
            callers.shutdownNow();
        }
    }
}
