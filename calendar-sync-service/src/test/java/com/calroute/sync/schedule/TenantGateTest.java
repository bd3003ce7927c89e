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

import static org.assertj.core.api.Assertions.assertThat;

class TenantGateTest {

    @Test
    void callersQueuedForAPlaceWaitOutAPauseThatBeganWhileTheyWaited() throws Exception {
        TenantGate gate = new TenantGate(1, Clock.systemUTC(),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0),
                new SyncMetrics(new SimpleMeterRegistry()));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            callers.submit(() -> gate.call("FindItem", () -> {
                holding.countDown();
                queued.await(5, TimeUnit.SECONDS);
                // Exchange answered ErrorServerBusy with BackOffMilliseconds 500 (as the gate does on one).
                gate.pause(Duration.ofMillis(500));
                return null;
            }));
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            long pausedFrom = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                callers.submit(() -> gate.call("FindItem", () -> {
                    startedAt.add(System.nanoTime());
                    return null;
                }));
            }
            // The three are waiting for the one place when the first caller's request meets the refusal.
            Thread.sleep(200);
            queued.countDown();
            callers.shutdown();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(startedAt).hasSize(3).allSatisfy(started ->
                    assertThat(TimeUnit.NANOSECONDS.toMillis(started - pausedFrom)).isGreaterThanOrEqualTo(200 + 500));
        } finally {
            callers.shutdownNow();
        }
    }
}
