package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncWindowTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration FORTNIGHT = Duration.ofDays(14);

    @Test
    void coversOneDayBackAndFourteenDaysAheadOfNow() {
        Instant now = Instant.parse("2026-12-01T09:30:00Z");
        SyncWindow window = SyncWindow.around(now, DAY, FORTNIGHT);
        assertThat(window.start()).isBeforeOrEqualTo(now.minus(DAY));
        assertThat(window.end()).isAfterOrEqualTo(now.plus(FORTNIGHT));
        assertThat(window).isEqualTo(new SyncWindow(Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-16T00:00:00Z")));
    }

    @Test
    void staysPutWithinADayAndRollsForwardAtMidnight() {
        SyncWindow morning = SyncWindow.around(Instant.parse("2026-12-01T00:00:00Z"), DAY, FORTNIGHT);
        SyncWindow evening = SyncWindow.around(Instant.parse("2026-12-01T23:59:59Z"), DAY, FORTNIGHT);
        SyncWindow nextDay = SyncWindow.around(Instant.parse("2026-12-02T00:00:01Z"), DAY, FORTNIGHT);
        assertThat(evening).isEqualTo(morning);
        assertThat(nextDay.start()).isEqualTo(morning.start().plus(DAY));
    }

    @Test
    void overlapIsHalfOpen() {
        SyncWindow window = new SyncWindow(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(window.overlaps(Instant.parse("2026-11-30T23:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))).isFalse();
        assertThat(window.overlaps(Instant.parse("2026-11-30T23:00:00Z"), Instant.parse("2026-12-01T00:30:00Z"))).isTrue();
        assertThat(window.overlaps(Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-02T01:00:00Z"))).isFalse();
        assertThat(window.overlaps(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
    }

    @Test
    void rejectsAnEmptyWindow() {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        assertThatThrownBy(() -> new SyncWindow(at, at)).isInstanceOf(IllegalArgumentException.class);
    }
}
