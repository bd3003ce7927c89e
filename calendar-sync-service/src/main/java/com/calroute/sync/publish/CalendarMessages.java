package com.calroute.sync.publish;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.calendar.CalendarItem;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.calendar.Sensitivity;
import com.calroute.sync.plan.Busy;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.NormalItem;
import com.calroute.sync.plan.Privacy;
import com.calroute.sync.plan.SyncWindow;

import java.time.Instant;
import java.util.List;

/** Translates between our snapshots and the {@code calroute.calendar.v1} contract, both ways. */
public final class CalendarMessages {

    private CalendarMessages() {
    }

    /** The message carrying {@code snapshot} as {@code version}. */
    public static CalendarMessage toMessage(String tenantId, String userId, long version, CalendarSnapshot snapshot,
                                            Instant calendarAsOf, Instant publishedAt) {
        List<CalendarItem> items = snapshot.items().stream().map(CalendarMessages::toItem).toList();
        return new CalendarMessage(CalendarMessage.SCHEMA, version, tenantId, userId, snapshot.window().start(),
                snapshot.window().end(), snapshot.syncEnabled() ? calendarAsOf : null, snapshot.syncEnabled(), items,
                publishedAt);
    }

    /** The snapshot a message on the topic carries, to compare a fresh read with. */
    public static CalendarSnapshot toSnapshot(CalendarMessage message) {
        SyncWindow window = new SyncWindow(message.windowStart(), message.windowEnd());
        if (!message.syncEnabled()) {
            return CalendarSnapshot.optedOut(window);
        }
        List<NormalItem> items = message.items() == null ? List.of()
                : message.items().stream().map(CalendarMessages::fromItem).toList();
        return new CalendarSnapshot(true, window, items);
    }

    private static CalendarItem toItem(NormalItem item) {
        return new CalendarItem(item.itemId(), item.changeKey(), item.start(), item.end(), item.allDay(),
                item.startDate(), item.endDate(), item.timeZone(), BusyType.valueOf(item.busy().name()),
                Sensitivity.valueOf(item.privacy().name()), item.cancelled(), item.subject(), item.location());
    }

    private static NormalItem fromItem(CalendarItem item) {
        return new NormalItem(item.itemId(), item.changeKey(), item.start(), item.end(), item.allDay(),
                item.startDate(), item.endDate(), item.timeZone(), Busy.valueOf(item.busyType().name()),
                Privacy.valueOf(item.sensitivity().name()), item.cancelled(), item.subject(), item.location());
    }
}
