package com.calroute.sync.plan;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A mailbox's working hours as routing needs them: the IANA zone they are kept in and periods of week days with a
 * start and end in minutes after local midnight (end exclusive). Built only through {@link #fromExchange}, which
 * treats what Exchange sent as hostile: unusable periods are dropped, and hours with none left are not known.
 */
public record WorkingHours(ZoneId zone, List<Period> periods) {

    /** At most this many periods are kept; Outlook sets one, and a week has seven days. */
    static final int MAX_PERIODS = 7;

    /** Week days sharing hours, {@code startMinute} to {@code endMinute} local time. */
    public record Period(Set<DayOfWeek> days, int startMinute, int endMinute) {
        public Period {
            days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        }
    }

    public WorkingHours {
        Objects.requireNonNull(zone, "zone");
        periods = List.copyOf(periods);
    }

    /**
     * Working hours from what Exchange sent; null (not known) without a zone or without one usable period. A period
     * is usable with at least one day and {@code 0 <= start < end <= 1440}.
     */
    public static WorkingHours fromExchange(ZoneId zone, Collection<Period> periods) {
        if (zone == null || periods == null) {
            return null;
        }
        List<Period> usable = new ArrayList<>();
        for (Period period : periods) {
            if (period != null && !period.days().isEmpty() && period.startMinute() >= 0
                    && period.startMinute() < period.endMinute() && period.endMinute() <= 1440
                    && usable.size() < MAX_PERIODS) {
                usable.add(period);
            }
        }
        return usable.isEmpty() ? null : new WorkingHours(zone, usable);
    }

    /** A canonical text of these hours, for fingerprints. */
    public String canonical() {
        StringBuilder text = new StringBuilder(zone.getId());
        for (Period period : periods) {
            text.append('|').append(period.days().stream().sorted().map(day -> String.valueOf(day.getValue())).toList())
                    .append(period.startMinute()).append('-').append(period.endMinute());
        }
        return text.toString();
    }
}
