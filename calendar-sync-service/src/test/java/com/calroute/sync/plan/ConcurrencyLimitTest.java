package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimitTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void startsAtTheCapAndHalvesOncePerBackOff() {
        ConcurrencyLimit limit = new ConcurrencyLimit(20);
        assertThat(limit.limit()).isEqualTo(20);
        limit.serverBusy(NOW, Duration.ofMillis(500));
        assertThat(limit.limit()).isEqualTo(10);
        // The other requests in flight fail with the same ErrorServerBusy: one congestion event, one halving.
        limit.serverBusy(NOW.plusMillis(100), Duration.ofMillis(500));
        limit.serverBusy(NOW.plusMillis(499), Duration.ofMillis(500));
        assertThat(limit.limit()).isEqualTo(10);
        limit.serverBusy(NOW.plusMillis(500), Duration.ofMillis(500));
        assertThat(limit.limit()).isEqualTo(5);
        for (int i = 0; i < 10; i++) {
            limit.serverBusy(NOW.plusSeconds(1 + i), Duration.ofMillis(1));
        }
        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void growsByOneEachRoundOfSuccessesUpToTheCap() {
        ConcurrencyLimit limit = new ConcurrencyLimit(4);
        limit.serverBusy(NOW, Duration.ofMillis(10));
        assertThat(limit.limit()).isEqualTo(2);
        limit.succeeded();
        assertThat(limit.limit()).isEqualTo(2);
        limit.succeeded();
        assertThat(limit.limit()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            limit.succeeded();
        }
        assertThat(limit.limit()).isEqualTo(4);
        for (int i = 0; i < 100; i++) {
            limit.succeeded();
        }
        assertThat(limit.limit()).isEqualTo(4);
    }

    @Test
    void aNewCapMovesTheLimitByAsMuch() {
        ConcurrencyLimit limit = new ConcurrencyLimit(8);
        limit.resize(20);
        assertThat(limit.limit()).isEqualTo(20);
        limit.serverBusy(NOW, Duration.ofMillis(10));
        assertThat(limit.limit()).isEqualTo(10);
        limit.resize(8);
        assertThat(limit.limit()).isEqualTo(1);
        limit.resize(27);
        assertThat(limit.limit()).isEqualTo(20);
        assertThat(limit.cap()).isEqualTo(27);
    }
}
