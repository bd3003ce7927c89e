package com.calroute.routing.status;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the engine with a brute-force model that decides every minute on its own, over random calendars and
 * working hours around Europe/Oslo's spring-forward night. jqwik shrinks a failing calendar to a minimal one and
 * reports it with the seed that reproduces it ({@code @Property(seed = "...")}).
 */
class StatusEngineModelTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant T0 = Instant.parse("2026-03-28T00:00:00Z");
    private static final Instant RANGE_START = T0.minus(Duration.ofDays(1));
    private static final int MINUTES = 6 * 24 * 60;
    private static final List<ZoneId> ITEM_ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"));
    private static final List<ZoneId> WORKING_HOURS_ZONES = List.of(OSLO, ZoneId.of("UTC"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));

    private final StatusEngine engine = new StatusEngine(Clock.systemUTC());

    @Property(tries = 1000)
    void engineAgreesWithMinuteByMinuteModel(@ForAll("inputs") RoutingInput input) {
        RoutePlan plan = engine.plan(input);
        Value[] model = new Value[MINUTES];
        for (int k = 0; k < MINUTES; k++) {
            model[k] = modelAt(input, minute(k));
        }
        Instant[] since = since(model);
        Instant[] until = until(model);
        Instant[] nextChange = nextChange(model);
        for (int k = 0; k < MINUTES; k++) {
            Status status = plan.statusAt(minute(k));
            Value value = new Value(status.state(), status.action(), status.target(), status.reason());
            // Compared field by field only on a mismatch: building assertion messages for 8.6M minutes is slow.
            if (!value.equals(model[k]) || !Objects.equals(status.since(), since[k])
                    || !Objects.equals(status.until(), until[k])
                    || !Objects.equals(status.nextChange(), nextChange[k])) {
                String at = "at " + minute(k);
                assertThat(value).as("value " + at).isEqualTo(model[k]);
                assertThat(status.since()).as("since " + at).isEqualTo(since[k]);
                assertThat(status.until()).as("until " + at).isEqualTo(until[k]);
                assertThat(status.nextChange()).as("next change " + at).isEqualTo(nextChange[k]);
            }
        }
        assertTimelineMatches(plan.timeline(RANGE_START, minute(MINUTES)), model);
    }

    private static void assertTimelineMatches(List<StatusInterval> timeline, Value[] model) {
        assertThat(timeline.get(0).from()).isEqualTo(RANGE_START);
        assertThat(timeline.get(timeline.size() - 1).to()).isEqualTo(minute(MINUTES));
        for (int i = 0; i < timeline.size(); i++) {
            StatusInterval interval = timeline.get(i);
            if (i > 0) {
                assertThat(interval.from()).as("interval %d starts where the one before ends", i).isEqualTo(timeline.get(i - 1).to());
            }
            Value value = new Value(interval.state(), interval.action(), interval.target(), interval.reason());
            if (i > 0) {
                StatusInterval previous = timeline.get(i - 1);
                assertThat(value).as("adjacent intervals differ at %s", interval.from())
                        .isNotEqualTo(new Value(previous.state(), previous.action(), previous.target(), previous.reason()));
            }
            for (Instant t = interval.from(); t.isBefore(interval.to()); t = t.plusSeconds(60)) {
                assertThat(value).as("timeline at %s", t).isEqualTo(model[index(t)]);
            }
        }
    }

    // ---- the model: every minute decided from scratch ----

    record Value(State state, Action action, String target, Reason reason) {
        boolean sameHandling(Value other) {
            return state == other.state && action == other.action && Objects.equals(target, other.target);
        }
    }

    private static Value modelAt(RoutingInput input, Instant t) {
        ManualOverride override = input.override();
        if (override != null && !t.isBefore(override.since()) && t.isBefore(override.until())) {
            return resolved(State.OVERRIDE, override.choice(), input, Reason.OVERRIDE);
        }
        Appointment winner = null;
        Instant winnerStart = null;
        Instant winnerEnd = null;
        CalendarSnapshot calendar = input.calendar();
        if (calendar != null) {
            for (Appointment item : calendar.items()) {
                if (item.busyType() == FreeBusy.FREE || item.cancelled() || item.response() == Response.DECLINED) {
                    continue;
                }
                if (item.response() == Response.NOT_RESPONDED) {
                    UnansweredInvitations unanswered = input.settings().unanswered();
                    if (unanswered == UnansweredInvitations.IGNORE) {
                        continue;
                    }
                    if (unanswered == UnansweredInvitations.TENTATIVE) {
                        item = new Appointment(item.itemId(), item.start(), item.end(), item.allDay(), item.startDate(),
                                item.endDate(), item.timeZone(), FreeBusy.TENTATIVE, false, item.subject(),
                                item.response());
                    }
                }
                Instant start = item.allDay() ? midnight(item.startDate(), item.timeZone()) : item.start();
                Instant end = item.allDay() ? midnight(item.endDate(), item.timeZone()) : item.end();
                if (t.isBefore(start) || !t.isBefore(end)) {
                    continue;
                }
                boolean better = winner == null
                        || item.busyType().strength() > winner.busyType().strength()
                        || item.busyType() == winner.busyType() && (start.isBefore(winnerStart)
                        || start.equals(winnerStart) && (end.isAfter(winnerEnd)
                        || end.equals(winnerEnd) && item.itemId().compareTo(winner.itemId()) < 0));
                if (better) {
                    winner = item;
                    winnerStart = start;
                    winnerEnd = end;
                }
            }
        }
        // Automatic replies that are on: an OOF item from their start (the window's when always on) to their end
        // (none when always on), ordered among the items like any other, as "automatic-replies".
        AwayReplies replies = calendar == null || !calendar.syncEnabled() ? null : calendar.awayReplies();
        boolean repliesWin = false;
        if (replies != null) {
            Instant start = replies.from() != null ? replies.from() : calendar.windowStart();
            Instant end = replies.until() != null ? replies.until() : Instant.MAX;
            boolean active = !t.isBefore(start) && t.isBefore(end);
            boolean better = active && (winner == null
                    || FreeBusy.OOF.strength() > winner.busyType().strength()
                    || winner.busyType() == FreeBusy.OOF && (start.isBefore(winnerStart)
                    || start.equals(winnerStart) && (end.isAfter(winnerEnd)
                    || end.equals(winnerEnd) && "automatic-replies".compareTo(winner.itemId()) < 0)));
            if (better) {
                repliesWin = true;
                winner = Appointment.timed("automatic-replies", start, end, FreeBusy.OOF);
            }
        }
        if (winner != null) {
            State state = State.valueOf(winner.busyType().name());
            return resolved(state, input.settings().choiceFor(winner.busyType()), input, repliesWin
                    ? Reason.AUTOMATIC_REPLIES
                    : new Reason(Source.CALENDAR, winner.busyType(), winner.itemId(), winner.subject()));
        }
        boolean inWindow = calendar != null && calendar.syncEnabled()
                && !t.isBefore(calendar.windowStart()) && t.isBefore(calendar.windowEnd());
        if (inWindow && calendar.workingWeek() != null && !workingAt(calendar.workingWeek(), t)) {
            return resolved(State.OUTSIDE_WORKING_HOURS, input.settings().outsideWorkingHours(), input,
                    Reason.WORKING_HOURS);
        }
        boolean known = calendar != null && (!calendar.syncEnabled() || inWindow);
        return new Value(State.AVAILABLE, Action.RING, null, known ? Reason.DEFAULT : Reason.UNKNOWN);
    }

    /** The wall clock in the working hours' zone, to the minute, inside one of the periods. */
    private static boolean workingAt(WorkingWeek week, Instant t) {
        ZonedDateTime local = t.atZone(week.zone());
        int minuteOfDay = local.getHour() * 60 + local.getMinute();
        for (WorkingWeek.Period period : week.periods()) {
            if (period.days().contains(local.getDayOfWeek()) && minuteOfDay >= period.startMinute()
                    && minuteOfDay < period.endMinute()) {
                return true;
            }
        }
        return false;
    }

    private static Value resolved(State state, ActionChoice choice, RoutingInput input, Reason reason) {
        return switch (choice.action()) {
            case FORWARD -> new Value(state, Action.FORWARD, choice.target(), reason);
            case SWITCHBOARD -> input.switchboardNumber() == null
                    ? new Value(state, Action.RING, null, reason)
                    : new Value(state, Action.SWITCHBOARD, input.switchboardNumber(), reason);
            default -> new Value(state, choice.action(), null, reason);
        };
    }

    private static Instant midnight(LocalDate date, ZoneId itemZone) {
        return ZonedDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), 0, 0, 0, 0,
                itemZone != null ? itemZone : OSLO).toInstant();
    }

    // Each derived in one pass: a walk from every minute to the end of its run costs the square of the run's length,
    // which on calendars that hardly change (none, opted out, automatic replies always on) outweighed the model itself.

    /** Start of the run of equal handling containing each minute; null where it reaches back past every input. */
    private static Instant[] since(Value[] model) {
        Instant[] since = new Instant[MINUTES];
        for (int k = 1; k < MINUTES; k++) {
            since[k] = model[k - 1].sameHandling(model[k]) ? since[k - 1] : minute(k);
        }
        return since;
    }

    /** End of the run of equal handling containing each minute; null where it reaches past the last minute. */
    private static Instant[] until(Value[] model) {
        Instant[] until = new Instant[MINUTES];
        for (int k = MINUTES - 2; k >= 0; k--) {
            until[k] = model[k + 1].sameHandling(model[k]) ? until[k + 1] : minute(k + 1);
        }
        return until;
    }

    /** The first later minute whose value differs from each minute's; null where none does. */
    private static Instant[] nextChange(Value[] model) {
        Instant[] nextChange = new Instant[MINUTES];
        for (int k = MINUTES - 2; k >= 0; k--) {
            nextChange[k] = model[k + 1].equals(model[k]) ? nextChange[k + 1] : minute(k + 1);
        }
        return nextChange;
    }

    // ---- random inputs, all on whole minutes ----

    @Provide
    Arbitrary<RoutingInput> inputs() {
        Arbitrary<ActionChoice> choice = choices();
        Arbitrary<Map<FreeBusy, ActionChoice>> choicesByType = Combinators.combine(choice, choice, choice, choice)
                .as((tentative, busy, oof, elsewhere) -> {
                    Map<FreeBusy, ActionChoice> choices = new EnumMap<>(FreeBusy.class);
                    choices.put(FreeBusy.TENTATIVE, tentative);
                    choices.put(FreeBusy.BUSY, busy);
                    choices.put(FreeBusy.OOF, oof);
                    choices.put(FreeBusy.WORKING_ELSEWHERE, elsewhere);
                    return choices;
                });
        Arbitrary<ManualOverride> override = Combinators.combine(choice, between(1440, 4 * 1440 - 1), between(1, 600))
                .as((overrideChoice, from, length) -> new ManualOverride(overrideChoice, minute(from),
                        minute(from + length)))
                .injectNull(0.8);
        Arbitrary<String> switchboard = Arbitraries.just("+4722000000").injectNull(0.1);
        return Combinators.combine(choicesByType, Arbitraries.of(UnansweredInvitations.class), choice, override,
                        calendars(), switchboard)
                .as((choices, unanswered, outsideWorkingHours, manual, calendar, switchboardNumber) -> new RoutingInput(
                        new StatusSettings(choices, unanswered, outsideWorkingHours), manual, calendar, OSLO,
                        switchboardNumber));
    }

    /** Never reported one time in twenty, opted out one time in twenty, else a window of items. */
    private static Arbitrary<CalendarSnapshot> calendars() {
        Arbitrary<CalendarSnapshot> optedOut = Arbitraries.just(
                new CalendarSnapshot(minute(1440), minute(3 * 1440), false, List.of()));
        Arbitrary<CalendarSnapshot> synced = Combinators.combine(between(1440, 2 * 1440 - 1),
                        between(60, 60 + 3 * 1440 - 1), items(), replies(), workingWeeks())
                .as((windowStart, windowLength, items, replies, week) -> new CalendarSnapshot(minute(windowStart),
                        minute(windowStart + windowLength), true, items, replies, week));
        return Arbitraries.frequencyOf(Tuple.of(1, optedOut), Tuple.of(18, synced)).injectNull(0.05);
    }

    /**
     * Up to eleven items of every busy type, one in ten cancelled, half of them meetings with the owner's answer (the
     * rest not meetings: null, as shown); one in five all day.
     */
    private static Arbitrary<List<Appointment>> items() {
        return Arbitraries.frequencyOf(Tuple.of(1, allDayItems()), Tuple.of(4, timedItems()))
                .list().ofMaxSize(11).withSizeDistribution(RandomDistribution.uniform())
                .map(StatusEngineModelTest::numbered);
    }

    /** All-day items over one or two of three dates, in the tenant's zone half the time. */
    private static Arbitrary<Appointment> allDayItems() {
        Arbitrary<ZoneId> zone = Arbitraries.of(ITEM_ZONES).injectNull(0.5);
        return Combinators.combine(itemIds(), Arbitraries.of(FreeBusy.class), cancelled(), subjects(), responses(),
                        between(0, 2), between(1, 2), zone)
                .as((id, type, cancelled, subject, response, startDay, days, itemZone) -> {
                    LocalDate startDate = LocalDate.parse("2026-03-28").plusDays(startDay);
                    return new Appointment(id, null, null, true, startDate, startDate.plusDays(days), itemZone, type,
                            cancelled, subject, response);
                });
    }

    /** Timed items; half of them on quarter hours, so items often start or end together. */
    private static Arbitrary<Appointment> timedItems() {
        Arbitrary<int[]> quarterHours = Combinators.combine(between(0, 3 * 96 - 1), between(1, 8))
                .as((quarter, quarters) -> new int[] {1440 + 15 * quarter, 15 * quarters});
        Arbitrary<int[]> anyMinutes = Combinators.combine(between(0, 3 * 1440 - 1), between(1, 600))
                .as((start, length) -> new int[] {1440 + start, length});
        return Combinators.combine(itemIds(), Arbitraries.of(FreeBusy.class), cancelled(), subjects(), responses(),
                        Arbitraries.oneOf(quarterHours, anyMinutes))
                .as((id, type, cancelled, subject, response, span) -> new Appointment(id, minute(span[0]),
                        minute(span[0] + span[1]), false, null, null, null, type, cancelled, subject, response));
    }

    /** Ids with one of six letters, which order items with equal spans; {@link #numbered} makes them unique. */
    private static Arbitrary<String> itemIds() {
        return Arbitraries.chars().range('a', 'f').map(letter -> "item-" + letter);
    }

    private static Arbitrary<Boolean> cancelled() {
        return Arbitraries.frequency(Tuple.of(1, true), Tuple.of(9, false));
    }

    private static Arbitrary<String> subjects() {
        return Arbitraries.just("subject ").injectNull(0.5);
    }

    private static Arbitrary<Response> responses() {
        return Arbitraries.of(Response.class).injectNull(0.5);
    }

    /** Appends each item's place in the calendar to its id and subject. */
    private static List<Appointment> numbered(List<Appointment> items) {
        List<Appointment> numbered = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Appointment item = items.get(i);
            numbered.add(new Appointment(item.itemId() + i, item.start(), item.end(), item.allDay(), item.startDate(),
                    item.endDate(), item.timeZone(), item.busyType(), item.cancelled(),
                    item.subject() == null ? null : item.subject() + i, item.response()));
        }
        return numbered;
    }

    /**
     * Not known a quarter of the time; else one to three periods in one of several zones, on whole or quarter hours
     * or any minute, some inside the skipped hour of the spring-forward night, some ending at midnight.
     */
    private static Arbitrary<WorkingWeek> workingWeeks() {
        return Combinators.combine(Arbitraries.of(WORKING_HOURS_ZONES), periods().list().ofMinSize(1).ofMaxSize(3)
                        .withSizeDistribution(RandomDistribution.uniform()))
                .as(WorkingWeek::new)
                .injectNull(0.25);
    }

    /** One day for sure and each other day one time in three; hours of one of three kinds. */
    private static Arbitrary<WorkingWeek.Period> periods() {
        Arbitrary<Boolean> oneInThree = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(2, false));
        Arbitrary<Set<DayOfWeek>> days = Combinators.combine(Arbitraries.of(DayOfWeek.class), oneInThree.list().ofSize(7))
                .as((day, others) -> {
                    Set<DayOfWeek> chosen = EnumSet.of(day);
                    for (DayOfWeek other : DayOfWeek.values()) {
                        if (others.get(other.ordinal())) {
                            chosen.add(other);
                        }
                    }
                    return chosen;
                });
        Arbitrary<int[]> wholeHours = Combinators.combine(between(0, 23), between(1, 10))
                .as((hour, hours) -> new int[] {60 * hour, Math.min(1440, 60 * (hour + hours))});
        Arbitrary<int[]> aroundTheSkippedHour = Combinators.combine(between(0, 3), between(1, 6))
                .as((quarter, quarters) -> new int[] {120 + 15 * quarter, 120 + 15 * (quarter + quarters)});
        Arbitrary<int[]> anyMinutes = between(0, 1440).list().ofSize(2).uniqueElements()
                .map(ends -> new int[] {Math.min(ends.get(0), ends.get(1)), Math.max(ends.get(0), ends.get(1))});
        Arbitrary<int[]> hours = Arbitraries.frequencyOf(Tuple.of(1, wholeHours), Tuple.of(1, aroundTheSkippedHour),
                Tuple.of(2, anyMinutes));
        return Combinators.combine(days, hours).as((periodDays, span) -> new WorkingWeek.Period(periodDays, span[0], span[1]));
    }

    /** Off most of the time; else always on, or scheduled (sometimes across the spring-forward night). */
    private static Arbitrary<AwayReplies> replies() {
        Arbitrary<AwayReplies> scheduled = Combinators.combine(between(1440, 4 * 1440 - 1), between(1, 1440))
                .as((start, length) -> new AwayReplies(minute(start), minute(start + length)));
        return Arbitraries.oneOf(Arbitraries.just(AwayReplies.alwaysOn()), scheduled).injectNull(4.0 / 6);
    }

    private static Arbitrary<ActionChoice> choices() {
        return Combinators.combine(Arbitraries.of(Action.class), between(0, 2))
                .as((action, n) -> new ActionChoice(action, action == Action.FORWARD ? "+479000000" + n : null));
    }

    /** Evenly spread, as the calendars the model checks should be, rather than jqwik's default bias to small values. */
    private static Arbitrary<Integer> between(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    private static Instant minute(int k) {
        return RANGE_START.plusSeconds(60L * k);
    }

    private static int index(Instant t) {
        return (int) Duration.between(RANGE_START, t).toMinutes();
    }
}
