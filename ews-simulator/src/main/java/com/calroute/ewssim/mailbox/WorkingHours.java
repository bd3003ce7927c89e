package com.calroute.ewssim.mailbox;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A mailbox's working hours as Outlook keeps them ("Arbeidstid"): the time zone they are set in and one or more
 * periods of week days with a start and end in minutes after local midnight. Exchange's default is Monday to Friday,
 * 08:00–17:00, in the mailbox's time zone.
 */
public record WorkingHours(ZoneId timeZone, List<Period> periods) {

    /** Week days with the same hours, {@code startMinute} to {@code endMinute} (exclusive) local time. */
    public record Period(Set<DayOfWeek> days, int startMinute, int endMinute) {
        public Period {
            days = Set.copyOf(days);
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a working period needs at least one day");
            }
            if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
                throw new IllegalArgumentException("a working period needs 0 <= startMinute < endMinute <= 1440");
            }
        }
    }

    public WorkingHours {
        Objects.requireNonNull(timeZone, "timeZone");
        periods = List.copyOf(periods);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one period");
        }
    }

    /** Exchange's default working hours in {@code zone}: Monday to Friday, 08:00–17:00. */
    public static WorkingHours standard(ZoneId zone) {
        return new WorkingHours(zone, List.of(new Period(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 480, 1020)));
    }
}
