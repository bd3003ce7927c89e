package com.calroute.sync.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The time range read from each calendar. Its edges snap to whole UTC days so that the window (and with it the
 * published snapshot) moves once a day — the daily roll-forward — instead of on every read, which would make every
 * snapshot "differ". It always covers at least {@code now - back} to {@code now + ahead}.
 */
public record SyncWindow(Instant start, Instant end) {

    public SyncWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " is not after its start " + start);
        }
    }

    /** The window for the given moment: from {@code back} before today's UTC midnight to {@code ahead} after the next. */
    public static SyncWindow around(Instant now, Duration back, Duration ahead) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        return new SyncWindow(today.minus(back), today.plus(Duration.ofDays(1)).plus(ahead));
    }

    /** True when an item from {@code itemStart} to {@code itemEnd} has any part inside this window. */
    public boolean overlaps(Instant itemStart, Instant itemEnd) {
        // A zero-length item at the window start still counts; one ending exactly at the start does not.
        return itemStart.isBefore(end) && (itemEnd.isAfter(start) || itemStart.equals(start));
    }
}
