package com.calroute.routing.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The latest complete calendar the sync reported for a user: every item within {@code windowStart..windowEnd}.
 * Free time inside the window is known to be free; outside it nothing is known. An opted-out user's calendar
 * ({@code syncEnabled=false}) is known to be empty at all times: calls simply ring. {@code awayReplies} is when the
 * mailbox's automatic replies say its owner is away, null while they are off or not known; {@code workingWeek} is the
 * mailbox's working hours, null while not known.
 */
public record CalendarSnapshot(Instant windowStart, Instant windowEnd, boolean syncEnabled, List<Appointment> items,
                               AwayReplies awayReplies, WorkingWeek workingWeek) {

    /** Copies the item list so a snapshot never changes after construction. */
    public CalendarSnapshot {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        items = List.copyOf(items);
    }

    /** A snapshot with automatic replies but no working hours known. */
    public CalendarSnapshot(Instant windowStart, Instant windowEnd, boolean syncEnabled, List<Appointment> items,
                            AwayReplies awayReplies) {
        this(windowStart, windowEnd, syncEnabled, items, awayReplies, null);
    }

    /** A snapshot without automatic replies or working hours. */
    public CalendarSnapshot(Instant windowStart, Instant windowEnd, boolean syncEnabled, List<Appointment> items) {
        this(windowStart, windowEnd, syncEnabled, items, null, null);
    }

    /** Whether the absence of items at {@code t} means the user is free (rather than that nobody knows). */
    boolean knows(Instant t) {
        return !syncEnabled || (!t.isBefore(windowStart) && t.isBefore(windowEnd));
    }
}
