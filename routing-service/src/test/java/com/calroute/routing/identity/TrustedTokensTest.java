package com.calroute.routing.identity;

import com.calroute.testing.time.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A checked token is trusted again only until the earlier of its own expiry and the TTL, by its exact text. */
class TrustedTokensTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T09:00:00Z"));
    final TrustedTokens<String> tokens = new TrustedTokens<>(clock, Duration.ofSeconds(60), 3);

    long inSeconds(long seconds) {
        return clock.instant().getEpochSecond() + seconds;
    }

    @Test
    void aCheckedTokenIsTrustedUntilTheTtlRunsOut() {
        tokens.trust("token-a", "alice", inSeconds(600), clock.millis());

        assertThat(tokens.get("token-a")).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.get("token-a")).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.get("token-a")).isNull();
    }

    @Test
    void neverPastTheTokensOwnExpiry() {
        tokens.trust("token-a", "alice", inSeconds(10), clock.millis());

        clock.advance(Duration.ofMillis(9_999));
        assertThat(tokens.get("token-a")).isEqualTo("alice");
        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.get("token-a")).isNull();
    }

    @Test
    void aTokenThatExpiredWhileItWasCheckedIsNotKept() {
        long checkedAt = clock.millis();
        clock.advance(Duration.ofSeconds(5));
        tokens.trust("token-a", "alice", inSeconds(-1), checkedAt);

        assertThat(tokens.get("token-a")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void theTtlCountsFromTheCheckNotFromWhenItsResultArrived() {
        long checkedAt = clock.millis();
        clock.advance(Duration.ofSeconds(30));
        tokens.trust("token-a", "alice", inSeconds(600), checkedAt);

        clock.advance(Duration.ofSeconds(30));
        assertThat(tokens.get("token-a")).isNull();
    }

    @Test
    void onlyTheExactTokenIsTrusted() {
        tokens.trust("token-a", "alice", inSeconds(600), clock.millis());

        assertThat(tokens.get("token-A")).isNull();
        assertThat(tokens.get("token-a ")).isNull();
        assertThat(tokens.get("token-")).isNull();
    }

    @Test
    void whenFullTheExpiredGoFirstThenEverything() {
        tokens.trust("short", "s", inSeconds(1), clock.millis());
        tokens.trust("long-1", "l1", inSeconds(600), clock.millis());
        tokens.trust("long-2", "l2", inSeconds(600), clock.millis());
        clock.advance(Duration.ofSeconds(2));

        tokens.trust("long-3", "l3", inSeconds(600), clock.millis());
        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.get("long-1")).isEqualTo("l1");
        assertThat(tokens.get("long-3")).isEqualTo("l3");

        tokens.trust("long-4", "l4", inSeconds(600), clock.millis());
        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.get("long-1")).isNull();
        assertThat(tokens.get("long-4")).isEqualTo("l4");
    }

    @Test
    void aTtlOfZeroTrustsNothing() {
        TrustedTokens<String> never = new TrustedTokens<>(clock, Duration.ZERO, 3);
        never.trust("token-a", "alice", inSeconds(600), clock.millis());

        assertThat(never.get("token-a")).isNull();
        assertThat(never.size()).isZero();
    }
}
