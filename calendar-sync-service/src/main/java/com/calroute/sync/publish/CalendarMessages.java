package com.calroute.sync.publish;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.calendar.CalendarItem;
import com.calroute.contracts.calendar.CalendarMessage;
import com.calroute.contracts.calendar.ResponseType;
import com.calroute.contracts.calendar.Sensitivity;
import com.calroute.sync.plan.AutomaticReplies;
import com.calroute.sync.plan.Busy;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.NormalItem;
import com.calroute.sync.plan.Privacy;
import com.calroute.sync.plan.Response;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.plan.WorkingHours;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

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
                publishedAt, snapshot.syncEnabled() ? toMessage(snapshot.automaticReplies()) : null,
                snapshot.syncEnabled() ? toMessage(snapshot.workingHours()) : null);
    }

    /** The snapshot a message on the topic carries, to compare a fresh read with. */
    public static CalendarSnapshot toSnapshot(CalendarMessage message) {
        SyncWindow window = new SyncWindow(message.windowStart(), message.windowEnd());
        if (!message.syncEnabled()) {
            return CalendarSnapshot.optedOut(window);
        }
        List<NormalItem> items = message.items() == null ? List.of()
                : message.items().stream().map(CalendarMessages::fromItem).toList();
        return new CalendarSnapshot(true, window, items, fromMessage(message.automaticReplies()),
                fromMessage(message.workingHours()));
    }

    private static com.calroute.contracts.calendar.AutomaticReplies toMessage(AutomaticReplies replies) {
        return replies == null ? null : new com.calroute.contracts.calendar.AutomaticReplies(
                com.calroute.contracts.calendar.AutomaticReplies.State.valueOf(replies.state().name()),
                replies.start(), replies.end());
    }

    private static AutomaticReplies fromMessage(com.calroute.contracts.calendar.AutomaticReplies replies) {
        return replies == null || replies.state() == null ? null : new AutomaticReplies(
                AutomaticReplies.State.valueOf(replies.state().name()), replies.start(), replies.end());
    }

    private static com.calroute.contracts.calendar.WorkingHours toMessage(WorkingHours hours) {
        return hours == null ? null : new com.calroute.contracts.calendar.WorkingHours(hours.zone().getId(),
                hours.periods().stream().map(period -> new com.calroute.contracts.calendar.WorkingHours.Period(
                        period.days().stream().sorted().toList(), period.startMinute(), period.endMinute())).toList());
    }

    /** The working hours of a value on the topic; null when absent or not usable (then routing knows none). */
    private static WorkingHours fromMessage(com.calroute.contracts.calendar.WorkingHours hours) {
        if (hours == null || hours.timeZone() == null || hours.periods() == null) {
            return null;
        }
        try {
            return WorkingHours.fromExchange(ZoneId.of(hours.timeZone()), hours.periods().stream()
                    .filter(period -> period != null && period.days() != null)
                    .map(period -> new WorkingHours.Period(period.days().stream().filter(Objects::nonNull)
                            .collect(Collectors.toSet()), period.startMinute(), period.endMinute())).toList());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static CalendarItem toItem(NormalItem item) {
        return new CalendarItem(item.itemId(), item.changeKey(), item.start(), item.end(), item.allDay(),
                item.startDate(), item.endDate(), item.timeZone(), BusyType.valueOf(item.busy().name()),
                Sensitivity.valueOf(item.privacy().name()), item.cancelled(), item.subject(), item.location(),
                item.response() == null ? null : ResponseType.valueOf(item.response().name()), item.subjectCode(),
                item.subjectCodeMark(), item.category());
    }

    private static NormalItem fromItem(CalendarItem item) {
        return new NormalItem(item.itemId(), item.changeKey(), item.start(), item.end(), item.allDay(),
                item.startDate(), item.endDate(), item.timeZone(), Busy.valueOf(item.busyType().name()),
                Privacy.valueOf(item.sensitivity().name()), item.cancelled(), item.subject(), item.location(),
                item.response() == null ? null : Response.valueOf(item.response().name()), item.subjectCode(),
                item.subjectCodeMark(), item.category());
    }
}
