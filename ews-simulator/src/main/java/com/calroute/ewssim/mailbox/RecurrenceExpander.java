package com.calroute.ewssim.mailbox;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Expands a recurring series into its occurrences the way Exchange does: in the series' own time zone (a 09:00
 * meeting stays at 09:00 local time across DST), counting deleted occurrences towards "count", and placing
 * modified occurrences (exceptions) at their own, possibly moved, times.
 */
public final class RecurrenceExpander {
    /** Safety valve against pathological series (e.g. daily since 1900 queried for 2100). */
    private static final int MAX_CANDIDATES = 500_000;

    private RecurrenceExpander() {
    }

    /** One slot of a series: its position and original (unmodified) times. */
    public record Slot(int index, Instant originalStart, Instant originalEnd) {
    }

    /** All original slots whose original times start before {@code until} (exclusive), in order. */
    public static List<Slot> slotsStartingBefore(Appointment series, Instant until) {
        return slots(series, until, Integer.MAX_VALUE);
    }

    /** The first {@code limit} original slots of the series (fewer if it ends sooner). */
    public static List<Slot> firstSlots(Appointment series, int limit) {
        return slots(series, Instant.parse("9999-01-01T00:00:00Z"), limit);
    }

    private static List<Slot> slots(Appointment series, Instant until, int limit) {
        List<Slot> slots = new ArrayList<>();
        Recurrence rule = series.recurrence();
        ZoneId zone = series.timeZone();
        LocalDateTime localStart = LocalDateTime.ofInstant(series.start(), zone);
        LocalTime time = series.allDay() ? LocalTime.MIDNIGHT : localStart.toLocalTime();
        long allDayDays = series.allDay()
                ? Math.max(1, ChronoUnit.DAYS.between(localStart.toLocalDate(),
                        LocalDateTime.ofInstant(series.end(), zone).toLocalDate()))
                : 0;
        Duration duration = Duration.between(series.start(), series.end());
        LocalDate firstDate = localStart.toLocalDate();
        int index = 0;
        int candidates = 0;
        DateSequence dates = new DateSequence(rule, firstDate);
        while (candidates++ < MAX_CANDIDATES && slots.size() < limit) {
            LocalDate date = dates.next();
            if (rule.until() != null && date.isAfter(rule.until())) {
                break;
            }
            if (rule.count() != null && index >= rule.count()) {
                break;
            }
            ZonedDateTime zonedStart = ZonedDateTime.of(date, time, zone);
            Instant start = zonedStart.toInstant();
            if (!start.isBefore(until)) {
                break;
            }
            Instant end = series.allDay()
                    ? ZonedDateTime.of(date.plusDays(allDayDays), LocalTime.MIDNIGHT, zone).toInstant()
                    : start.plus(duration);
            slots.add(new Slot(index, start, end));
            index++;
        }
        return slots;
    }

    /** Whether {@code originalStart} is the original start of one of the series' occurrences. */
    public static boolean isOccurrence(Appointment series, Instant originalStart) {
        List<Slot> slots = slotsStartingBefore(series, originalStart.plusSeconds(1));
        return !slots.isEmpty() && slots.get(slots.size() - 1).originalStart().equals(originalStart);
    }

    /** The last slot of a series with an end, or null for a series without end. */
    public static Slot lastSlot(Appointment series) {
        if (!series.recurrence().hasEnd()) {
            return null;
        }
        List<Slot> slots = firstSlots(series, Integer.MAX_VALUE);
        return slots.isEmpty() ? null : slots.get(slots.size() - 1);
    }

    /**
     * The occurrences and exceptions of {@code series} that overlap [{@code from}, {@code to}), ordered by start.
     * Deleted occurrences are left out; the master itself never appears.
     */
    public static List<CalendarInstance> expand(Appointment series, Instant from, Instant to) {
        return expand(series, CalendarInstance.Range.OVERLAPPING, from, to);
    }

    /** As {@link #expand(Appointment, Instant, Instant)}, taking in what {@code range} does. */
    public static List<CalendarInstance> expand(Appointment series, CalendarInstance.Range range, Instant from,
            Instant to) {
        List<CalendarInstance> instances = new ArrayList<>();
        Map<Instant, OccurrenceChange> modified = series.modifiedOccurrences();
        for (Slot slot : slotsStartingBefore(series, to)) {
            if (series.deletedOccurrences().contains(slot.originalStart())
                    || modified.containsKey(slot.originalStart())) {
                continue;
            }
            CalendarInstance occurrence = new CalendarInstance(CalendarInstance.Kind.OCCURRENCE,
                    ItemIds.occurrenceId(series.itemId(), slot.originalStart()), series.changeKey(), series,
                    slot.originalStart(), slot.originalStart(), slot.originalEnd(), series.subject(),
                    series.location(), series.freeBusy(), series.sensitivity(), series.cancelled(),
                    series.lastModified());
            if (occurrence.within(range, from, to)) {
                instances.add(occurrence);
            }
        }
        Duration duration = Duration.between(series.start(), series.end());
        for (Map.Entry<Instant, OccurrenceChange> entry : modified.entrySet()) {
            CalendarInstance exception = exceptionInstance(series, entry.getKey(), entry.getValue(), duration);
            if (!series.deletedOccurrences().contains(entry.getKey()) && exception.within(range, from, to)) {
                instances.add(exception);
            }
        }
        instances.sort(Comparator.comparing(CalendarInstance::start).thenComparing(CalendarInstance::itemId));
        return instances;
    }

    /** The instance for one occurrence of the series, modified or not, by its original start. */
    public static CalendarInstance instanceAt(Appointment series, Instant originalStart) {
        OccurrenceChange change = series.modifiedOccurrences().get(originalStart);
        Duration duration = Duration.between(series.start(), series.end());
        if (change != null) {
            return exceptionInstance(series, originalStart, change, duration);
        }
        List<Slot> slots = slotsStartingBefore(series, originalStart.plusSeconds(1));
        Slot slot = slots.get(slots.size() - 1);
        return new CalendarInstance(CalendarInstance.Kind.OCCURRENCE,
                ItemIds.occurrenceId(series.itemId(), originalStart), series.changeKey(), series, originalStart,
                slot.originalStart(), slot.originalEnd(), series.subject(), series.location(), series.freeBusy(),
                series.sensitivity(), series.cancelled(), series.lastModified());
    }

    private static CalendarInstance exceptionInstance(Appointment series, Instant originalStart,
            OccurrenceChange change, Duration duration) {
        Instant start = change.start() != null ? change.start() : originalStart;
        Instant end = change.end() != null ? change.end() : start.plus(duration);
        return new CalendarInstance(CalendarInstance.Kind.EXCEPTION,
                ItemIds.occurrenceId(series.itemId(), originalStart), change.changeKey(), series, originalStart,
                start, end,
                change.subject() != null ? change.subject() : series.subject(),
                change.location() != null ? change.location() : series.location(),
                change.freeBusy() != null ? change.freeBusy() : series.freeBusy(),
                change.sensitivity() != null ? change.sensitivity() : series.sensitivity(),
                change.cancelled() != null ? change.cancelled() : series.cancelled(),
                change.lastModified() != null ? change.lastModified() : series.lastModified());
    }

    /** Generates the candidate dates of a pattern in ascending order, starting on or after the series start. */
    private static final class DateSequence {
        private final Recurrence rule;
        private final LocalDate firstDate;
        private final List<DayOfWeek> weekDays;
        private int period;
        private final List<LocalDate> buffer = new ArrayList<>();
        private int bufferIndex;

        DateSequence(Recurrence rule, LocalDate firstDate) {
            this.rule = rule;
            this.firstDate = firstDate;
            List<DayOfWeek> days = rule.daysOfWeek().isEmpty() ? List.of(firstDate.getDayOfWeek()) : rule.daysOfWeek();
            DayOfWeek weekStart = rule.firstDayOfWeek();
            this.weekDays = days.stream().distinct()
                    .sorted(Comparator.comparingInt(d -> Math.floorMod(d.getValue() - weekStart.getValue(), 7)))
                    .toList();
        }

        LocalDate next() {
            while (bufferIndex >= buffer.size()) {
                buffer.clear();
                bufferIndex = 0;
                fillPeriod(period++);
            }
            return buffer.get(bufferIndex++);
        }

        private void fillPeriod(int n) {
            switch (rule.pattern()) {
                case DAILY -> buffer.add(firstDate.plusDays((long) n * rule.interval()));
                case WEEKLY -> {
                    LocalDate weekBase = firstDate.with(TemporalAdjusters.previousOrSame(rule.firstDayOfWeek()))
                            .plusWeeks((long) n * rule.interval());
                    for (DayOfWeek day : weekDays) {
                        LocalDate date = weekBase.plusDays(Math.floorMod(day.getValue() - rule.firstDayOfWeek().getValue(), 7));
                        if (!date.isBefore(firstDate)) {
                            buffer.add(date);
                        }
                    }
                }
                case MONTHLY -> {
                    YearMonth month = YearMonth.from(firstDate).plusMonths((long) n * rule.interval());
                    int day = rule.dayOfMonth() == 0 ? firstDate.getDayOfMonth() : rule.dayOfMonth();
                    LocalDate date = month.atDay(Math.min(day, month.lengthOfMonth()));
                    if (!date.isBefore(firstDate)) {
                        buffer.add(date);
                    }
                }
                case RELATIVE_MONTHLY -> {
                    YearMonth month = YearMonth.from(firstDate).plusMonths((long) n * rule.interval());
                    DayOfWeek day = weekDays.get(0);
                    LocalDate date = switch (rule.weekIndex()) {
                        case LAST -> month.atEndOfMonth().with(TemporalAdjusters.previousOrSame(day));
                        default -> month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(rule.weekIndex().ordinal() + 1, day));
                    };
                    if (!date.isBefore(firstDate)) {
                        buffer.add(date);
                    }
                }
                default -> throw new IllegalStateException("unknown pattern " + rule.pattern());
            }
        }
    }
}
