package com.calroute.routing.ingest;

import com.calroute.routing.status.Appointment;
import com.calroute.routing.status.AwayReplies;
import com.calroute.routing.status.CalendarSnapshot;
import com.calroute.routing.status.FreeBusy;
import com.calroute.routing.status.Response;
import com.calroute.routing.status.WorkingWeek;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's calendar as the table keeps it between compilations, and its version. Every replica holds every user's
 * calendar, and almost every item is a plain timed one of whole seconds, with no subject, code or category: such an
 * item is kept as two {@code long}s, one byte and its id (about 22 bytes instead of about 116 for the item and its
 * two instants, issue #21). Any other item is kept as it came. {@link #snapshot()} gives the calendar back equal to
 * the one held, items in their order.
 */
final class HeldCalendar {

    private static final FreeBusy[] BUSY_TYPES = FreeBusy.values();
    private static final Response[] RESPONSES = Response.values();
    /** A plain item's byte: its busy type's ordinal in the low three bits, then whether it is cancelled. */
    private static final int CANCELLED = 1 << 3;
    /** Then its response's ordinal plus one (0: none), from bit 4 up. */
    private static final int RESPONSE_SHIFT = 4;
    /** Whether a plain item's byte can say every busy type and response (it can while the enums stay this small). */
    private static final boolean KINDS_FIT_A_BYTE = BUSY_TYPES.length <= 8 && RESPONSES.length < 8;

    private final long version;
    private final long windowStartSecond;
    private final int windowStartNano;
    private final long windowEndSecond;
    private final int windowEndNano;
    private final boolean syncEnabled;
    private final AwayReplies awayReplies;
    private final WorkingWeek workingWeek;
    private final String[] itemIds;
    /** A plain item i's start and end in epoch seconds, at 2i and 2i+1. */
    private final long[] spans;
    private final byte[] plainKinds;
    /** The items that are not plain, at their index; null when every item is plain. */
    private final Appointment[] others;

    HeldCalendar(long version, CalendarSnapshot calendar) {
        this.version = version;
        windowStartSecond = calendar.windowStart().getEpochSecond();
        windowStartNano = calendar.windowStart().getNano();
        windowEndSecond = calendar.windowEnd().getEpochSecond();
        windowEndNano = calendar.windowEnd().getNano();
        syncEnabled = calendar.syncEnabled();
        awayReplies = calendar.awayReplies();
        workingWeek = calendar.workingWeek();
        List<Appointment> items = calendar.items();
        int n = items.size();
        itemIds = new String[n];
        spans = new long[2 * n];
        plainKinds = new byte[n];
        Appointment[] notPlain = null;
        for (int i = 0; i < n; i++) {
            Appointment item = items.get(i);
            if (isPlain(item)) {
                itemIds[i] = item.itemId();
                spans[2 * i] = item.start().getEpochSecond();
                spans[2 * i + 1] = item.end().getEpochSecond();
                plainKinds[i] = (byte) (item.busyType().ordinal() | (item.cancelled() ? CANCELLED : 0)
                        | (item.response() == null ? 0 : item.response().ordinal() + 1) << RESPONSE_SHIFT);
            } else {
                if (notPlain == null) {
                    notPlain = new Appointment[n];
                }
                notPlain[i] = item;
            }
        }
        others = notPlain;
    }

    long version() {
        return version;
    }

    boolean syncEnabled() {
        return syncEnabled;
    }

    AwayReplies awayReplies() {
        return awayReplies;
    }

    WorkingWeek workingWeek() {
        return workingWeek;
    }

    /** The calendar as it was reported. */
    CalendarSnapshot snapshot() {
        List<Appointment> items = new ArrayList<>(itemIds.length);
        for (int i = 0; i < itemIds.length; i++) {
            if (others != null && others[i] != null) {
                items.add(others[i]);
                continue;
            }
            int kind = plainKinds[i];
            int response = kind >>> RESPONSE_SHIFT;
            items.add(new Appointment(itemIds[i], Instant.ofEpochSecond(spans[2 * i]),
                    Instant.ofEpochSecond(spans[2 * i + 1]), false, null, null, null, BUSY_TYPES[kind & 7],
                    (kind & CANCELLED) != 0, null, response == 0 ? null : RESPONSES[response - 1]));
        }
        return new CalendarSnapshot(Instant.ofEpochSecond(windowStartSecond, windowStartNano),
                Instant.ofEpochSecond(windowEndSecond, windowEndNano), syncEnabled, items, awayReplies, workingWeek);
    }

    /** A timed item of whole seconds that carries nothing but its id, busy type, response and cancellation. */
    private static boolean isPlain(Appointment item) {
        return !item.allDay() && item.startDate() == null && item.endDate() == null && item.timeZone() == null
                && item.subject() == null && item.subjectCode() == null && item.subjectCodeMark() == null
                && item.category() == null && item.start().getNano() == 0 && item.end().getNano() == 0
                && KINDS_FIT_A_BYTE;
    }
}
