package com.calroute.sync.ews;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionPacingTest {

    /** Counts the calls in flight through it, per kind, and holds each until released. */
    private static final class HeldGate implements EwsCalls {
        final AtomicInteger subscriptions = new AtomicInteger();
        final AtomicInteger mostSubscriptions = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public <T> T call(String operation, EwsCall<T> call) throws Exception {
            AtomicInteger counter = operation.equals("FindItem") ? reads : subscriptions;
            int now = counter.incrementAndGet();
            if (counter == subscriptions) {
                mostSubscriptions.accumulateAndGet(now, Math::max);
            }
            try {
                release.await(10, TimeUnit.SECONDS);
                return call.run();
            } finally {
                counter.decrementAndGet();
            }
        }
    }

    @Test
    void manyGroupsSubscribingTakeOnlyTheirPlacesAndReadsPassBesideThem() throws Exception {
        HeldGate gate = new HeldGate();
        SubscriptionPacing pacing = new SubscriptionPacing(gate, 4);
        ExecutorService threads = Executors.newFixedThreadPool(30);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String operation = i % 2 == 0 ? "Subscribe" : "Unsubscribe";
                calls.add(threads.submit(() -> pacing.call(operation, () -> operation)));
            }
            for (int i = 0; i < 5; i++) {
                calls.add(threads.submit(() -> pacing.call("FindItem", () -> "FindItem")));
            }
            // Every read reaches the gate although twenty subscription requests wait; only four of those do.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> gate.reads.get() == 5 && gate.subscriptions.get() == 4);
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300))
                    .atMost(java.time.Duration.ofSeconds(2)).until(() -> gate.subscriptions.get() == 4);
            gate.release.countDown();
            for (Future<String> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS)).isIn("Subscribe", "Unsubscribe", "FindItem");
            }
            assertThat(gate.mostSubscriptions.get()).isEqualTo(4);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedSubscriptionGivesItsPlaceBack() throws Exception {
        SubscriptionPacing pacing = new SubscriptionPacing(EwsCalls.DIRECT, 1);
        for (int i = 0; i < 3; i++) {
            try {
                pacing.call("Subscribe", () -> {
                    throw new IllegalStateException("refused");
                });
            } catch (IllegalStateException expected) {
                // the place must be free again for the next one
            }
        }
        assertThat(pacing.call("Subscribe", () -> "subscribed")).isEqualTo("subscribed");
    }
}
