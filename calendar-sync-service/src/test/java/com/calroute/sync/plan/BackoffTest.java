package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void transientFaultsWaitExponentiallyWithJitterUpToTheCap() {
        Backoff lowest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);
        assertThat(lowest.afterTransientFault(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(highest.afterTransientFault(1)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        assertThat(lowest.afterTransientFault(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(highest.afterTransientFault(3)).isBetween(Duration.ofMillis(1999), Duration.ofMillis(2000));
        assertThat(highest.afterTransientFault(50)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(lowest.afterTransientFault(50)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void serverBusyWaitsAtLeastWhatExchangeAskedFor() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.5);
        assertThat(backoff.afterServerBusy(Duration.ofMillis(2000))).isEqualTo(Duration.ofMillis(2100));
        Backoff noJitter = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
        assertThat(noJitter.afterServerBusy(Duration.ofMillis(2000))).isEqualTo(Duration.ofMillis(2000));
        assertThat(noJitter.afterServerBusy(null)).isEqualTo(Duration.ofMillis(500));
    }
}
