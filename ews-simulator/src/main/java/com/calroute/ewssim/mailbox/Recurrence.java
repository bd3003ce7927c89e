package com.calroute.ewssim.mailbox;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A recurrence rule as Exchange stores it: a pattern plus a range that ends on a date, after a count, or never.
 *
 * @param pattern      how occurrences repeat
 * @param interval     every n days / weeks / months (at least 1)
 * @param daysOfWeek   for WEEKLY and RELATIVE_MONTHLY; empty means the series start's weekday
 * @param dayOfMonth   for MONTHLY; 0 means the series start's day of month
 * @param weekIndex    for RELATIVE_MONTHLY: which week of the month
 * @param firstDayOfWeek the week start used to group WEEKLY occurrences (Exchange's default is Sunday)
 * @param until        last date (inclusive, in the item's zone) on which an occurrence may start, or null
 * @param count        number of occurrences, or null
 */
public record Recurrence(
        Pattern pattern,
        int interval,
        List<DayOfWeek> daysOfWeek,
        int dayOfMonth,
        WeekIndex weekIndex,
        DayOfWeek firstDayOfWeek,
        LocalDate until,
        Integer count) {

    /** The recurrence patterns the simulator supports. */
    public enum Pattern { DAILY, WEEKLY, MONTHLY, RELATIVE_MONTHLY }

    /** Exchange's DayOfWeekIndex for relative monthly patterns. */
    public enum WeekIndex {
        FIRST("First"), SECOND("Second"), THIRD("Third"), FOURTH("Fourth"), LAST("Last");

        private final String wireName;

        WeekIndex(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Recurrence {
        Objects.requireNonNull(pattern, "pattern");
        if (interval < 1 || interval > 999) {
            throw new IllegalArgumentException("interval must be between 1 and 999");
        }
        daysOfWeek = daysOfWeek == null ? List.of() : List.copyOf(daysOfWeek);
        if (dayOfMonth < 0 || dayOfMonth > 31) {
            throw new IllegalArgumentException("dayOfMonth must be between 1 and 31");
        }
        if (pattern == Pattern.RELATIVE_MONTHLY && weekIndex == null) {
            throw new IllegalArgumentException("RELATIVE_MONTHLY needs a weekIndex");
        }
        firstDayOfWeek = firstDayOfWeek == null ? DayOfWeek.SUNDAY : firstDayOfWeek;
        if (until != null && count != null) {
            throw new IllegalArgumentException("a recurrence ends on a date or after a count, not both");
        }
        if (count != null && (count < 1 || count > 999)) {
            throw new IllegalArgumentException("count must be between 1 and 999");
        }
    }

    public boolean hasEnd() {
        return until != null || count != null;
    }
}
