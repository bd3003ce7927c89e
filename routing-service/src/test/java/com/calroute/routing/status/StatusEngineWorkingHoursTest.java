package com.calroute.routing.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.calroute.routing.status.StatusEngineTest.FORWARD_TO;
import static com.calroute.routing.status.StatusEngineTest.OSLO;
import static com.calroute.routing.status.StatusEngineTest.SWITCHBOARD;
import static com.calroute.routing.status.StatusEngineTest.WINDOW_END;
import static com.calroute.routing.status.StatusEngineTest.WINDOW_START;
import static com.calroute.routing.status.StatusEngineTest.engineAt;
import static com.calroute.routing.status.StatusEngineTest.item;
import static com.calroute.routing.status.StatusEngineTest.t;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Working hours: outside them the user's own action applies, weaker than every busy type, the automatic replies and an
 * override; the wall clock of the working hours' zone decides, across daylight-saving changes too.
 */
class StatusEngineWorkingHoursTest {

    /** A different action for every case, so a test sees which rule decided. */
    static final StatusSettings SETTINGS = new StatusSettings(Map.of(
            FreeBusy.TENTATIVE, new ActionChoice(Action.BUSY, null),
            FreeBusy.BUSY, new ActionChoice(Action.VOICEMAIL, null),
            FreeBusy.OOF, new ActionChoice(Action.FORWARD, FORWARD_TO),
            FreeBusy.WORKING_ELSEWHERE, new ActionChoice(Action.SWITCHBOARD, null)),
            UnansweredInvitations.AS_SHOWN, new ActionChoice(Action.FORWARD, "+4791111111"));
    static final Set<DayOfWeek> WEEKDAYS = Set.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);
    /** Mon–Fri 08:00–16:00 in Oslo: 07:00–15:00 UTC in December. */
    static final WorkingWeek OSLO_EIGHT_TO_FOUR = week(OSLO, period(WEEKDAYS, "08:00", "16:00"));

    @Test
    void outsideWorkingHoursTheUsersActionAppliesFromTheEndOfTheDayToTheStartOfTheNext() {
        RoutingInput input = input(OSLO_EIGHT_TO_FOUR);

        Status evening = engineAt(t("2026-12-01T18:00:00Z")).current(input);

        assertThat(evening.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(evening.action()).isEqualTo(Action.FORWARD);
        assertThat(evening.target()).isEqualTo("+4791111111");
        assertThat(evening.reason()).isEqualTo(Reason.WORKING_HOURS);
        assertThat(evening.reason().source()).isEqualTo(Source.WORKING_HOURS);
        assertThat(evening.since()).isEqualTo(t("2026-12-01T15:00:00Z"));
        assertThat(evening.until()).isEqualTo(t("2026-12-02T07:00:00Z"));
        assertThat(evening.nextChange()).isEqualTo(t("2026-12-02T07:00:00Z"));

        Status working = engineAt(t("2026-12-02T07:00:00Z")).current(input);
        assertThat(working.state()).as("the start of the day is inclusive").isEqualTo(State.AVAILABLE);
        assertThat(working.reason()).isEqualTo(Reason.DEFAULT);
        assertThat(working.until()).isEqualTo(t("2026-12-02T15:00:00Z"));
        assertThat(engineAt(t("2026-12-02T15:00:00Z")).current(input).state())
                .as("the end of the day is exclusive").isEqualTo(State.OUTSIDE_WORKING_HOURS);
    }

    @Test
    void theWeekendIsOneStretchFromFridayAfternoonToMondayMorning() {
        Status saturday = engineAt(t("2026-12-05T12:00:00Z")).current(input(OSLO_EIGHT_TO_FOUR));

        assertThat(saturday.since()).isEqualTo(t("2026-12-04T15:00:00Z"));
        assertThat(saturday.until()).isEqualTo(t("2026-12-07T07:00:00Z"));
    }

    @Test
    void withoutAChoiceCallsRingOutsideWorkingHoursButTheStateSaysSo() {
        RoutingInput input = new RoutingInput(StatusSettings.allRing(), null, calendar(OSLO_EIGHT_TO_FOUR), OSLO,
                SWITCHBOARD);

        Status evening = engineAt(t("2026-12-01T18:00:00Z")).current(input);

        assertThat(evening.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(evening.action()).isEqualTo(Action.RING);
    }

    @Test
    void theSwitchboardActionResolvesToTheTenantsNumberAndRingsWhileItIsUnknown() {
        StatusSettings toSwitchboard = new StatusSettings(Map.of(), null, new ActionChoice(Action.SWITCHBOARD, null));
        Instant evening = t("2026-12-01T18:00:00Z");

        Status known = engineAt(evening).current(new RoutingInput(toSwitchboard, null, calendar(OSLO_EIGHT_TO_FOUR),
                OSLO, SWITCHBOARD));
        Status unknown = engineAt(evening).current(new RoutingInput(toSwitchboard, null, calendar(OSLO_EIGHT_TO_FOUR),
                OSLO, null));

        assertThat(known.action()).isEqualTo(Action.SWITCHBOARD);
        assertThat(known.target()).isEqualTo(SWITCHBOARD);
        assertThat(unknown.action()).isEqualTo(Action.RING);
        assertThat(unknown.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
    }

    @ParameterizedTest(name = "{0} beats outside working hours")
    @EnumSource(value = FreeBusy.class, names = {"TENTATIVE", "WORKING_ELSEWHERE", "BUSY", "OOF"})
    void everyBusyTypeBeatsOutsideWorkingHoursAndTheStretchResumesAfterIt(FreeBusy busyType) {
        // An evening meeting, 18:00–19:00 UTC, inside the stretch 15:00 (Tuesday) – 07:00 (Wednesday).
        RoutingInput input = input(OSLO_EIGHT_TO_FOUR, item("evening", "18:00", "19:00", busyType));

        Status during = engineAt(t("2026-12-01T18:30:00Z")).current(input);
        Status before = engineAt(t("2026-12-01T17:00:00Z")).current(input);
        Status after = engineAt(t("2026-12-01T19:00:00Z")).current(input);

        assertThat(during.state()).isEqualTo(busyType.state());
        assertThat(during.action()).isEqualTo(SETTINGS.choiceFor(busyType).action());
        assertThat(during.reason().itemId()).isEqualTo("evening");
        assertThat(during.since()).isEqualTo(t("2026-12-01T18:00:00Z"));
        assertThat(during.until()).isEqualTo(t("2026-12-01T19:00:00Z"));
        assertThat(before.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(before.until()).as("the meeting interrupts the stretch").isEqualTo(t("2026-12-01T18:00:00Z"));
        assertThat(after.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(after.since()).isEqualTo(t("2026-12-01T19:00:00Z"));
        assertThat(after.until()).isEqualTo(t("2026-12-02T07:00:00Z"));
    }

    @Test
    void aMeetingAcrossTheEndOfTheDayKeepsItsStateUntilItEnds() {
        RoutingInput input = input(OSLO_EIGHT_TO_FOUR, item("late", "14:30", "15:30", FreeBusy.TENTATIVE));

        List<StatusInterval> timeline = engineAt(WINDOW_START)
                .timeline(input, t("2026-12-01T14:00:00Z"), t("2026-12-01T16:00:00Z"));

        assertThat(timeline).extracting(i -> i.from() + " " + i.state()).containsExactly(
                "2026-12-01T14:00:00Z AVAILABLE",
                "2026-12-01T14:30:00Z TENTATIVE",
                "2026-12-01T15:30:00Z OUTSIDE_WORKING_HOURS");
    }

    @Test
    void automaticRepliesBeatOutsideWorkingHoursScheduledAndAlwaysOn() {
        CalendarSnapshot scheduled = new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(),
                new AwayReplies(t("2026-12-01T17:00:00Z"), t("2026-12-01T20:00:00Z")), OSLO_EIGHT_TO_FOUR);
        CalendarSnapshot alwaysOn = new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(),
                AwayReplies.alwaysOn(), OSLO_EIGHT_TO_FOUR);

        Status away = engineAt(t("2026-12-01T18:00:00Z")).current(input(scheduled));
        assertThat(away.state()).isEqualTo(State.OOF);
        assertThat(away.reason()).isEqualTo(Reason.AUTOMATIC_REPLIES);
        assertThat(away.action()).isEqualTo(Action.FORWARD);
        assertThat(away.target()).isEqualTo(FORWARD_TO);
        Status afterwards = engineAt(t("2026-12-01T20:00:00Z")).current(input(scheduled));
        assertThat(afterwards.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(afterwards.since()).isEqualTo(t("2026-12-01T20:00:00Z"));

        assertThat(engineAt(t("2026-12-05T12:00:00Z")).current(input(alwaysOn)).reason())
                .isEqualTo(Reason.AUTOMATIC_REPLIES);
    }

    @Test
    void anOverrideBeatsOutsideWorkingHours() {
        ManualOverride available = new ManualOverride(ActionChoice.RING, t("2026-12-01T17:00:00Z"),
                t("2026-12-01T19:00:00Z"));
        RoutingInput input = new RoutingInput(SETTINGS, available, calendar(OSLO_EIGHT_TO_FOUR), OSLO, SWITCHBOARD);

        assertThat(engineAt(t("2026-12-01T18:00:00Z")).current(input).state()).isEqualTo(State.OVERRIDE);
        assertThat(engineAt(t("2026-12-01T19:00:00Z")).current(input).state())
                .isEqualTo(State.OUTSIDE_WORKING_HOURS);
    }

    @Test
    void severalPeriodsAShorterFridayAndALunchBreak() {
        // Outlook's "Monday–Thursday 08:00–16:00, Friday 08:00–15:00", plus a lunch hour Tuesday.
        WorkingWeek week = week(OSLO,
                period(Set.of(MONDAY, WEDNESDAY, THURSDAY), "08:00", "16:00"),
                period(Set.of(TUESDAY), "08:00", "11:00"),
                period(Set.of(TUESDAY), "12:00", "16:00"),
                period(Set.of(FRIDAY), "08:00", "15:00"));

        List<StatusInterval> tuesday = engineAt(WINDOW_START)
                .timeline(input(week), t("2026-12-01T00:00:00Z"), t("2026-12-02T00:00:00Z"));
        Status fridayAfternoon = engineAt(t("2026-12-04T14:30:00Z")).current(input(week));

        assertThat(tuesday).extracting(i -> i.from() + " " + i.state()).containsExactly(
                "2026-12-01T00:00:00Z OUTSIDE_WORKING_HOURS",
                "2026-12-01T07:00:00Z AVAILABLE",
                "2026-12-01T10:00:00Z OUTSIDE_WORKING_HOURS",
                "2026-12-01T11:00:00Z AVAILABLE",
                "2026-12-01T15:00:00Z OUTSIDE_WORKING_HOURS");
        assertThat(fridayAfternoon.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(fridayAfternoon.since()).isEqualTo(t("2026-12-04T14:00:00Z"));
        assertThat(fridayAfternoon.until()).isEqualTo(t("2026-12-07T07:00:00Z"));
    }

    @Test
    void periodsMeetingAtMidnightAreOneStretchOfWork() {
        // A night shift as Outlook keeps it: Monday 22:00–24:00 and Tuesday 00:00–06:00 (1440 is midnight).
        WorkingWeek nights = week(OSLO, new WorkingWeek.Period(Set.of(MONDAY), 22 * 60, 1440),
                new WorkingWeek.Period(Set.of(TUESDAY), 0, 6 * 60));

        Status night = engineAt(t("2026-12-07T23:30:00Z")).current(input(nights));
        Status after = engineAt(t("2026-12-08T05:00:00Z")).current(input(nights));

        assertThat(night.state()).isEqualTo(State.AVAILABLE);
        assertThat(night.since()).isEqualTo(t("2026-12-07T21:00:00Z"));
        assertThat(night.until()).as("no change at midnight").isEqualTo(t("2026-12-08T05:00:00Z"));
        assertThat(after.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(after.until()).isEqualTo(t("2026-12-14T21:00:00Z"));
    }

    @Test
    void theWorkingHoursZoneDecidesNotTheTenantsOrUtc() {
        // The employee works from New York (UTC-5 in December), the company is in Oslo: 09:00–17:00 there.
        WorkingWeek newYork = week(ZoneId.of("America/New_York"), period(WEEKDAYS, "09:00", "17:00"));
        // And one in Kolkata (UTC+05:30): the half-hour offset moves the day by 30 minutes against whole-hour zones.
        WorkingWeek kolkata = week(ZoneId.of("Asia/Kolkata"), period(WEEKDAYS, "09:00", "17:00"));

        assertThat(engineAt(t("2026-12-01T13:59:00Z")).current(input(newYork)).state())
                .isEqualTo(State.OUTSIDE_WORKING_HOURS);
        Status working = engineAt(t("2026-12-01T14:00:00Z")).current(input(newYork));
        assertThat(working.state()).isEqualTo(State.AVAILABLE);
        assertThat(working.until()).isEqualTo(t("2026-12-01T22:00:00Z"));

        Status kolkataEvening = engineAt(t("2026-12-01T12:00:00Z")).current(input(kolkata));
        assertThat(kolkataEvening.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(kolkataEvening.since()).isEqualTo(t("2026-12-01T11:30:00Z"));
        assertThat(kolkataEvening.until()).isEqualTo(t("2026-12-02T03:30:00Z"));
    }

    @Test
    void eightToFourInOsloIsEightHoursOnEitherSideOfTheSpringForwardWeekend() {
        WorkingWeek week = week(OSLO, period(WEEKDAYS, "08:00", "16:00"));
        RoutingInput input = dstInput(week);

        Status weekend = engineAt(t("2026-03-29T12:00:00Z")).current(input);
        Status monday = engineAt(t("2026-03-30T10:00:00Z")).current(input);

        // Friday 27 March 16:00 is CET (UTC+1); Monday 30 March 08:00 is CEST (UTC+2).
        assertThat(weekend.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(weekend.since()).isEqualTo(oslo("2026-03-27T16:00")).isEqualTo(t("2026-03-27T15:00:00Z"));
        assertThat(weekend.until()).isEqualTo(oslo("2026-03-30T08:00")).isEqualTo(t("2026-03-30T06:00:00Z"));
        assertThat(Duration.between(weekend.since(), weekend.until())).hasHours(63);
        assertThat(monday.state()).isEqualTo(State.AVAILABLE);
        assertThat(monday.since()).isEqualTo(t("2026-03-30T06:00:00Z"));
        assertThat(monday.until()).isEqualTo(t("2026-03-30T14:00:00Z"));
    }

    @Test
    void eightToFourInOsloIsEightHoursOnEitherSideOfTheFallBackWeekend() {
        WorkingWeek week = week(OSLO, period(WEEKDAYS, "08:00", "16:00"));
        RoutingInput input = dstInput(week);

        Status weekend = engineAt(t("2026-10-25T12:00:00Z")).current(input);
        Status monday = engineAt(t("2026-10-26T10:00:00Z")).current(input);

        // Friday 23 October 16:00 is CEST (UTC+2); Monday 26 October 08:00 is CET (UTC+1).
        assertThat(weekend.since()).isEqualTo(t("2026-10-23T14:00:00Z"));
        assertThat(weekend.until()).isEqualTo(t("2026-10-26T07:00:00Z"));
        assertThat(Duration.between(weekend.since(), weekend.until())).hasHours(65);
        assertThat(monday.since()).isEqualTo(t("2026-10-26T07:00:00Z"));
        assertThat(monday.until()).isEqualTo(t("2026-10-26T15:00:00Z"));
    }

    @Test
    void workingHoursOnTheChangeoverNightsFollowTheWallClock() {
        // Sunday 01:00–04:00: on the spring-forward night the clock skips 02:00–03:00, so two hours of work; on the
        // fall-back night it shows 02:00–03:00 twice, so four. A period 02:30–03:30 starts as the clock jumps.
        WorkingWeek night = week(OSLO, period(Set.of(SUNDAY), "01:00", "04:00"));
        WorkingWeek inTheGap = week(OSLO, period(Set.of(SUNDAY), "02:30", "03:30"));

        Status spring = engineAt(t("2026-03-29T00:30:00Z")).current(dstInput(night));
        Status autumn = engineAt(t("2026-10-25T00:30:00Z")).current(dstInput(night));
        Status gap = engineAt(t("2026-03-29T01:00:00Z")).current(dstInput(inTheGap));

        assertThat(spring.state()).isEqualTo(State.AVAILABLE);
        assertThat(spring.since()).isEqualTo(t("2026-03-29T00:00:00Z"));
        assertThat(spring.until()).isEqualTo(t("2026-03-29T02:00:00Z"));
        assertThat(autumn.since()).isEqualTo(t("2026-10-24T23:00:00Z"));
        assertThat(autumn.until()).isEqualTo(t("2026-10-25T03:00:00Z"));
        assertThat(Duration.between(autumn.since(), autumn.until())).hasHours(4);
        assertThat(gap.state()).isEqualTo(State.AVAILABLE);
        assertThat(gap.since()).as("03:00 CEST, when the clock jumps").isEqualTo(t("2026-03-29T01:00:00Z"));
        assertThat(gap.until()).as("03:30 CEST").isEqualTo(t("2026-03-29T01:30:00Z"));
    }

    @Test
    void allDayItemsInTheTenantsZoneMeetWorkingHoursOfAnotherZone() {
        // The tenant is in Oslo; the mailbox's working hours are kept in UTC, 08:00–16:00. An all-day OOF item on
        // Friday 4 December covers Oslo's whole day: 3 December 23:00 to 4 December 23:00 UTC.
        WorkingWeek utc = week(ZoneId.of("UTC"), period(WEEKDAYS, "08:00", "16:00"));
        Appointment dayOff = Appointment.allDay("day-off", LocalDate.parse("2026-12-04"), LocalDate.parse("2026-12-05"),
                null, FreeBusy.OOF);

        List<StatusInterval> timeline = engineAt(WINDOW_START)
                .timeline(input(utc, dayOff), t("2026-12-03T12:00:00Z"), t("2026-12-07T12:00:00Z"));

        assertThat(timeline).extracting(i -> i.from() + " " + i.state() + " " + i.reason().source()).containsExactly(
                "2026-12-03T12:00:00Z AVAILABLE DEFAULT",
                "2026-12-03T16:00:00Z OUTSIDE_WORKING_HOURS WORKING_HOURS",
                "2026-12-03T23:00:00Z OOF CALENDAR",
                "2026-12-04T23:00:00Z OUTSIDE_WORKING_HOURS WORKING_HOURS",
                "2026-12-07T08:00:00Z AVAILABLE DEFAULT");
    }

    @Test
    void automaticRepliesForALocalDayMeetWorkingHoursAtTheTenantsMidnight() {
        // "Away on Monday 7 December" scheduled in Outlook as Oslo midnight to midnight, working hours 08:00–16:00 Oslo.
        CalendarSnapshot away = new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(),
                new AwayReplies(oslo("2026-12-07T00:00"), oslo("2026-12-08T00:00")), OSLO_EIGHT_TO_FOUR);

        List<StatusInterval> timeline = engineAt(WINDOW_START)
                .timeline(input(away), t("2026-12-06T12:00:00Z"), t("2026-12-08T12:00:00Z"));

        assertThat(timeline).extracting(i -> i.from() + " " + i.state() + " " + i.reason().source()).containsExactly(
                "2026-12-06T12:00:00Z OUTSIDE_WORKING_HOURS WORKING_HOURS",
                "2026-12-06T23:00:00Z OOF AUTOMATIC_REPLIES",
                "2026-12-07T23:00:00Z OUTSIDE_WORKING_HOURS WORKING_HOURS",
                "2026-12-08T07:00:00Z AVAILABLE DEFAULT");
    }

    @Test
    void workingHoursCountOnlyInsideTheWindowAndOnlyWhileSyncIsOn() {
        Status beyond = engineAt(t("2026-12-16T20:00:00Z")).current(input(OSLO_EIGHT_TO_FOUR));
        Status beforeWindow = engineAt(t("2026-11-29T20:00:00Z")).current(input(OSLO_EIGHT_TO_FOUR));
        CalendarSnapshot optedOut = new CalendarSnapshot(WINDOW_START, WINDOW_END, false, List.of(), null,
                OSLO_EIGHT_TO_FOUR);
        Status lastEvening = engineAt(t("2026-12-14T20:00:00Z")).current(input(OSLO_EIGHT_TO_FOUR));

        assertThat(beyond.state()).isEqualTo(State.AVAILABLE);
        assertThat(beyond.reason()).isEqualTo(Reason.UNKNOWN);
        assertThat(beforeWindow.reason()).isEqualTo(Reason.UNKNOWN);
        assertThat(lastEvening.until()).as("the stretch ends with the window").isEqualTo(WINDOW_END);
        assertThat(engineAt(t("2026-12-01T20:00:00Z")).current(input(optedOut)).state()).isEqualTo(State.AVAILABLE);
    }

    @Test
    void theTimelineShowsTheStretchesOutsideWorkingHours() {
        List<StatusInterval> timeline = engineAt(WINDOW_START)
                .timeline(input(OSLO_EIGHT_TO_FOUR), t("2026-12-01T00:00:00Z"), t("2026-12-03T00:00:00Z"));

        assertThat(timeline).extracting(i -> i.from() + " " + i.to() + " " + i.state() + " " + i.action())
                .containsExactly(
                        "2026-12-01T00:00:00Z 2026-12-01T07:00:00Z OUTSIDE_WORKING_HOURS FORWARD",
                        "2026-12-01T07:00:00Z 2026-12-01T15:00:00Z AVAILABLE RING",
                        "2026-12-01T15:00:00Z 2026-12-02T07:00:00Z OUTSIDE_WORKING_HOURS FORWARD",
                        "2026-12-02T07:00:00Z 2026-12-02T15:00:00Z AVAILABLE RING",
                        "2026-12-02T15:00:00Z 2026-12-03T00:00:00Z OUTSIDE_WORKING_HOURS FORWARD");
    }

    @Test
    void workingHoursWithoutPeriodsOrWithAnEmptyPeriodCannotBeMade() {
        assertThatThrownBy(() -> new WorkingWeek(OSLO, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingWeek.Period(Set.of(), 480, 960))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingWeek.Period(WEEKDAYS, 960, 960))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingWeek.Period(WEEKDAYS, 480, 1441))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingWeek.Period(WEEKDAYS, -1, 960))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static WorkingWeek week(ZoneId zone, WorkingWeek.Period... periods) {
        return new WorkingWeek(zone, List.of(periods));
    }

    static WorkingWeek.Period period(Set<DayOfWeek> days, String from, String to) {
        return new WorkingWeek.Period(days, minutes(from), minutes(to));
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
    }

    private static Instant oslo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(OSLO).toInstant();
    }

    private static RoutingInput input(WorkingWeek week, Appointment... items) {
        return input(new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(items), null, week));
    }

    private static RoutingInput input(CalendarSnapshot calendar) {
        return new RoutingInput(SETTINGS, null, calendar, OSLO, SWITCHBOARD);
    }

    private static CalendarSnapshot calendar(WorkingWeek week) {
        return new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(), null, week);
    }

    private static RoutingInput dstInput(WorkingWeek week) {
        return input(new CalendarSnapshot(t("2026-03-20T00:00:00Z"), t("2026-11-01T00:00:00Z"), true, List.of(), null,
                week));
    }
}
