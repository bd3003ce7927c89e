package com.calroute.routing.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the engine with a brute-force model that decides every minute on its own, over random calendars and
 * working hours around Europe/Oslo's spring-forward night (seeded, so a failure is reproducible from the printed
 * seed).
 */
class StatusEngineModelTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant T0 = Instant.parse("2026-03-28T00:00:00Z");
    private static final Instant RANGE_START = T0.minus(Duration.ofDays(1));
    private static final int MINUTES = 6 * 24 * 60;
    private static final List<ZoneId> ITEM_ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"));
    private static final List<ZoneId> WORKING_HOURS_ZONES = List.of(OSLO, ZoneId.of("UTC"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));
    private static final int CALENDARS = 300;

    @Test
    void engineAgreesWithMinuteByMinuteModelOnRandomCalendars() {
        long seed = Long.getLong("calroute.model.seed", 20261201L);
        Random random = new Random(seed);
        StatusEngine engine = new StatusEngine(java.time.Clock.systemUTC());
        int compared = 0;
        for (int n = 0; n < CALENDARS; n++) {
            RoutingInput input = randomInput(random);
            String context = "seed " + seed + ", calendar #" + n + ": " + input;
            RoutePlan plan = engine.plan(input);
            Value[] model = new Value[MINUTES];
            for (int k = 0; k < MINUTES; k++) {
                model[k] = modelAt(input, minute(k));
            }
            for (int k = 0; k < MINUTES; k++) {
                Status status = plan.statusAt(minute(k));
                Value value = new Value(status.state(), status.action(), status.target(), status.reason());
                // Compared field by field only on a mismatch: building assertion messages for 2.6M minutes is slow.
                if (!value.equals(model[k]) || !Objects.equals(status.since(), since(model, k))
                        || !Objects.equals(status.until(), until(model, k))
                        || !Objects.equals(status.nextChange(), nextChange(model, k))) {
                    String at = "at " + minute(k) + "; " + context;
                    assertThat(value).as("value " + at).isEqualTo(model[k]);
                    assertThat(status.since()).as("since " + at).isEqualTo(since(model, k));
                    assertThat(status.until()).as("until " + at).isEqualTo(until(model, k));
                    assertThat(status.nextChange()).as("next change " + at).isEqualTo(nextChange(model, k));
                }
                compared++;
            }
            assertTimelineMatches(plan.timeline(RANGE_START, minute(MINUTES)), model, context);
        }
        System.out.printf("Engine and brute-force model agree on %d minutes of %d random calendars (seed %d)%n",
                compared, CALENDARS, seed);
    }

    private static void assertTimelineMatches(List<StatusInterval> timeline, Value[] model, String context) {
        assertThat(timeline.get(0).from()).isEqualTo(RANGE_START);
        assertThat(timeline.get(timeline.size() - 1).to()).isEqualTo(minute(MINUTES));
        for (int i = 0; i < timeline.size(); i++) {
            StatusInterval interval = timeline.get(i);
            if (i > 0) {
                assertThat(interval.from()).as(context).isEqualTo(timeline.get(i - 1).to());
            }
            Value value = new Value(interval.state(), interval.action(), interval.target(), interval.reason());
            if (i > 0) {
                StatusInterval previous = timeline.get(i - 1);
                assertThat(value).as("adjacent intervals differ; %s", context)
                        .isNotEqualTo(new Value(previous.state(), previous.action(), previous.target(), previous.reason()));
            }
            for (Instant t = interval.from(); t.isBefore(interval.to()); t = t.plusSeconds(60)) {
                assertThat(value).as("timeline at %s; %s", t, context).isEqualTo(model[index(t)]);
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

    /** Start of the run of equal handling containing minute k; null when it reaches back past every input. */
    private static Instant since(Value[] model, int k) {
        int first = k;
        while (first > 0 && model[first - 1].sameHandling(model[k])) {
            first--;
        }
        return first == 0 ? null : minute(first);
    }

    private static Instant until(Value[] model, int k) {
        int last = k;
        while (last < MINUTES - 1 && model[last + 1].sameHandling(model[k])) {
            last++;
        }
        return last == MINUTES - 1 ? null : minute(last + 1);
    }

    private static Instant nextChange(Value[] model, int k) {
        for (int j = k + 1; j < MINUTES; j++) {
            if (!model[j].equals(model[k])) {
                return minute(j);
            }
        }
        return null;
    }

    // ---- random inputs, all on whole minutes ----

    private static RoutingInput randomInput(Random random) {
        Map<FreeBusy, ActionChoice> choices = new EnumMap<>(FreeBusy.class);
        for (FreeBusy type : List.of(FreeBusy.TENTATIVE, FreeBusy.BUSY, FreeBusy.OOF, FreeBusy.WORKING_ELSEWHERE)) {
            choices.put(type, randomChoice(random));
        }
        ManualOverride override = null;
        if (random.nextInt(5) == 0) {
            int from = 1440 + random.nextInt(3 * 1440);
            override = new ManualOverride(randomChoice(random), minute(from), minute(from + 1 + random.nextInt(600)));
        }
        String switchboard = random.nextInt(10) == 0 ? null : "+4722000000";
        UnansweredInvitations unanswered = UnansweredInvitations.values()[random.nextInt(UnansweredInvitations.values().length)];
        return new RoutingInput(new StatusSettings(choices, unanswered, randomChoice(random)), override, randomCalendar(random), OSLO,
                switchboard);
    }

    private static CalendarSnapshot randomCalendar(Random random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return null;
        }
        List<Appointment> items = new ArrayList<>();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            FreeBusy type = FreeBusy.values()[random.nextInt(FreeBusy.values().length)];
            boolean cancelled = random.nextInt(10) == 0;
            String subject = random.nextBoolean() ? null : "subject " + i;
            String id = "item-" + (char) ('a' + random.nextInt(6)) + i;
            // Half the items are meetings with the owner's answer; the rest are not meetings (null: as shown).
            Response response = random.nextBoolean() ? null : Response.values()[random.nextInt(Response.values().length)];
            if (random.nextInt(5) == 0) {
                LocalDate startDate = LocalDate.parse("2026-03-28").plusDays(random.nextInt(3));
                ZoneId zone = random.nextBoolean() ? null : ITEM_ZONES.get(random.nextInt(ITEM_ZONES.size()));
                items.add(new Appointment(id, null, null, true, startDate, startDate.plusDays(1 + random.nextInt(2)),
                        zone, type, cancelled, subject, response));
            } else {
                // Quarter-hour starts and lengths half the time, so items often start or end together.
                boolean quarterHours = random.nextBoolean();
                int start = 1440 + (quarterHours ? 15 * random.nextInt(3 * 96) : random.nextInt(3 * 1440));
                int length = quarterHours ? 15 * (1 + random.nextInt(8)) : 1 + random.nextInt(600);
                items.add(new Appointment(id, minute(start), minute(start + length), false, null, null, null, type,
                        cancelled, subject, response));
            }
        }
        if (kind == 1) {
            return new CalendarSnapshot(minute(1440), minute(3 * 1440), false, List.of());
        }
        int windowStart = 1440 + random.nextInt(1440);
        int windowEnd = windowStart + 60 + random.nextInt(3 * 1440);
        return new CalendarSnapshot(minute(windowStart), minute(windowEnd), true, items, randomReplies(random),
                randomWorkingWeek(random));
    }

    /**
     * Not known a quarter of the time; else one to three periods in one of several zones, on whole or quarter hours
     * or any minute, some inside the skipped hour of the spring-forward night, some ending at midnight.
     */
    private static WorkingWeek randomWorkingWeek(Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        List<WorkingWeek.Period> periods = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            java.util.Set<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
            days.add(java.time.DayOfWeek.of(1 + random.nextInt(7)));
            for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
                if (random.nextInt(3) == 0) {
                    days.add(day);
                }
            }
            int start;
            int end;
            switch (random.nextInt(4)) {
                case 0 -> {
                    start = 60 * random.nextInt(24);
                    end = Math.min(1440, start + 60 * (1 + random.nextInt(10)));
                }
                case 1 -> {
                    start = 120 + 15 * random.nextInt(4);
                    end = start + 15 * (1 + random.nextInt(6));
                }
                default -> {
                    start = random.nextInt(1440);
                    end = start + 1 + random.nextInt(1440 - start);
                }
            }
            periods.add(new WorkingWeek.Period(days, start, end));
        }
        return new WorkingWeek(WORKING_HOURS_ZONES.get(random.nextInt(WORKING_HOURS_ZONES.size())), periods);
    }

    /** Off most of the time; else always on, or scheduled (sometimes across the spring-forward night). */
    private static AwayReplies randomReplies(Random random) {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return AwayReplies.alwaysOn();
        }
        if (kind == 1) {
            int start = 1440 + random.nextInt(3 * 1440);
            return new AwayReplies(minute(start), minute(start + 1 + random.nextInt(1440)));
        }
        return null;
    }

    private static ActionChoice randomChoice(Random random) {
        Action action = Action.values()[random.nextInt(Action.values().length)];
        return new ActionChoice(action, action == Action.FORWARD ? "+479000000" + random.nextInt(3) : null);
    }

    private static Instant minute(int k) {
        return RANGE_START.plusSeconds(60L * k);
    }

    private static int index(Instant t) {
        return (int) Duration.between(RANGE_START, t).toMinutes();
    }
}
