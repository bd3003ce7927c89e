package com.calroute.routing.status;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mailbox's working hours: periods of week days with a start and end in minutes after local midnight (end
 * exclusive, 1440 meaning midnight) in the mailbox's own zone. An instant is outside working hours when the wall
 * clock in that zone, at that instant, lies in no period — so a 08:00–16:00 day is eight hours of work on the
 * 23-hour and the 25-hour day alike. At least one period: "no working hours at all" is not something a mailbox can
 * be trusted to mean, and reading it as "always outside" would send every call away.
 */
public record WorkingWeek(ZoneId zone, List<Period> periods) {

    /** Requires a zone and at least one period. */
    public WorkingWeek {
        Objects.requireNonNull(zone, "zone");
        periods = List.copyOf(periods);
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("working hours need at least one period");
        }
    }

    /** Days with the same hours: from {@code startMinute} (inclusive) to {@code endMinute} (exclusive, ≤ 1440). */
    public record Period(Set<DayOfWeek> days, int startMinute, int endMinute) {

        /** The last minute a period may end at: midnight at the end of the day. */
        public static final int MIDNIGHT = 1440;

        /** Requires days and a positive span within one day. */
        public Period {
            days = Set.copyOf(days);
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a working-hours period needs at least one day");
            }
            if (startMinute < 0 || endMinute > MIDNIGHT || startMinute >= endMinute) {
                throw new IllegalArgumentException("a working-hours period must lie within one day and end after it"
                        + " starts: " + startMinute + " .. " + endMinute);
            }
        }

        boolean covers(DayOfWeek day, LocalTime time) {
            int second = time.toSecondOfDay();
            return days.contains(day) && second >= startMinute * 60 && second < endMinute * 60;
        }
    }

    /** Whether the wall clock in the working hours' zone lies inside a period at {@code t}. */
    public boolean isWorkingAt(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        for (Period period : periods) {
            if (period.covers(day, time)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The stretches of {@code from..to} that lie outside working hours, in order, each as long as possible.
     *
     * <p>Between two consecutive candidate instants — every instant at which the wall clock shows a period's start
     * or end, and every offset transition of the zone — the wall clock moves steadily and crosses no period edge,
     * so one look at the first instant decides the whole stretch. That keeps the spring-forward gap (a start inside
     * it begins at the transition) and the fall-back hour (lived twice) right without special cases.
     */
    List<Stretch> outside(Instant from, Instant to) {
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(from);
        ZoneRules rules = zone.getRules();
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (Period period : periods) {
                if (period.days().contains(date.getDayOfWeek())) {
                    addWallClock(candidates, rules, date.atStartOfDay().plusMinutes(period.startMinute()), from, to);
                    addWallClock(candidates, rules, date.atStartOfDay().plusMinutes(period.endMinute()), from, to);
                }
            }
        }
        for (ZoneOffsetTransition transition = rules.nextTransition(from);
             transition != null && transition.getInstant().isBefore(to);
             transition = rules.nextTransition(transition.getInstant())) {
            candidates.add(transition.getInstant());
        }

        List<Stretch> outside = new ArrayList<>();
        Instant openedAt = null;
        for (Instant candidate : candidates) {
            boolean working = isWorkingAt(candidate);
            if (!working && openedAt == null) {
                openedAt = candidate;
            } else if (working && openedAt != null) {
                outside.add(new Stretch(openedAt, candidate));
                openedAt = null;
            }
        }
        if (openedAt != null) {
            outside.add(new Stretch(openedAt, to));
        }
        return outside;
    }

    /** A stretch of time {@code from..to}, end exclusive. */
    record Stretch(Instant from, Instant to) {

        boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    /** Every instant inside {@code from..to} at which the zone's wall clock shows {@code wallClock} (none in a gap). */
    private static void addWallClock(TreeSet<Instant> candidates, ZoneRules rules, LocalDateTime wallClock, Instant from,
                                     Instant to) {
        rules.getValidOffsets(wallClock).forEach(offset -> {
            Instant instant = wallClock.toInstant(offset);
            if (instant.isAfter(from) && instant.isBefore(to)) {
                candidates.add(instant);
            }
        });
    }
}
