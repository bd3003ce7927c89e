package com.calroute.routing.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One case per routing rule: given a calendar, settings and override, the status at an instant. */
class StatusEngineTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final String SWITCHBOARD = "+4722000000";
    static final String FORWARD_TO = "+4790000000";
    static final Instant WINDOW_START = t("2026-11-30T00:00:00Z");
    static final Instant WINDOW_END = t("2026-12-15T00:00:00Z");
    static final StatusSettings KARI = new StatusSettings(Map.of(
            FreeBusy.TENTATIVE, new ActionChoice(Action.RING, null),
            FreeBusy.BUSY, new ActionChoice(Action.VOICEMAIL, null),
            FreeBusy.OOF, new ActionChoice(Action.FORWARD, FORWARD_TO),
            FreeBusy.WORKING_ELSEWHERE, new ActionChoice(Action.SWITCHBOARD, null)));
    static final StatusSettings ALL_DISTINCT = new StatusSettings(Map.of(
            FreeBusy.TENTATIVE, new ActionChoice(Action.BUSY, null),
            FreeBusy.BUSY, new ActionChoice(Action.VOICEMAIL, null),
            FreeBusy.OOF, new ActionChoice(Action.FORWARD, FORWARD_TO),
            FreeBusy.WORKING_ELSEWHERE, new ActionChoice(Action.SWITCHBOARD, null)));

    record Expected(State state, Action action, String target, String since, String until, Source source,
                    String itemId, String nextChange) {
    }

    static Arguments rule(String name, RoutingInput input, String at, Expected expected) {
        return Arguments.of(name, input, t(at), expected);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("no calendar ever reported: ring, reason unknown",
                        input(ALL_DISTINCT, null, null), "2026-12-01T09:30:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, null, null, Source.UNKNOWN, null, null)),
                rule("empty calendar: ring by default inside the window",
                        input(ALL_DISTINCT, null, calendar()), "2026-12-01T09:30:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, null, null, Source.DEFAULT, null,
                                "2026-12-15T00:00:00Z")),
                rule("beyond the sync window nothing is known",
                        input(ALL_DISTINCT, null, calendar()), "2026-12-16T09:30:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, null, null, Source.UNKNOWN, null, null)),
                rule("opted-out user: known to be free at any time",
                        input(ALL_DISTINCT, null, new CalendarSnapshot(WINDOW_START, WINDOW_END, false, List.of())),
                        "2027-06-01T09:30:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, null, null, Source.DEFAULT, null, null)),
                rule("busy meeting: the busy action until it ends",
                        input(KARI, null, calendar(busy("m1", "09:00", "10:00"))), "2026-12-01T09:30:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T10:00:00Z", Source.CALENDAR, "m1", "2026-12-01T10:00:00Z")),
                rule("a meeting's start is inclusive",
                        input(KARI, null, calendar(busy("m1", "09:00", "10:00"))), "2026-12-01T09:00:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T10:00:00Z", Source.CALENDAR, "m1", "2026-12-01T10:00:00Z")),
                rule("a meeting's end is exclusive",
                        input(KARI, null, calendar(busy("m1", "09:00", "10:00"))), "2026-12-01T10:00:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, "2026-12-01T10:00:00Z", null,
                                Source.DEFAULT, null, "2026-12-15T00:00:00Z")),
                rule("before a meeting: available until it starts",
                        input(KARI, null, calendar(busy("m1", "09:00", "10:00"))), "2026-12-01T08:00:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, null, "2026-12-01T09:00:00Z",
                                Source.DEFAULT, null, "2026-12-01T09:00:00Z")),
                rule("FREE items never route",
                        input(KARI, null, calendar(item("f1", "09:00", "10:00", FreeBusy.FREE))),
                        "2026-12-01T09:30:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, null, null, Source.DEFAULT, null,
                                "2026-12-15T00:00:00Z")),
                rule("cancelled meetings never route",
                        input(KARI, null, calendar(cancelled(busy("c1", "09:00", "10:00")))), "2026-12-01T09:30:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, null, null, Source.DEFAULT, null,
                                "2026-12-15T00:00:00Z")),
                rule("OOF beats BUSY",
                        input(KARI, null, calendar(busy("b", "09:00", "11:00"), item("o", "10:00", "12:00", FreeBusy.OOF))),
                        "2026-12-01T10:30:00Z",
                        new Expected(State.OOF, Action.FORWARD, FORWARD_TO, "2026-12-01T10:00:00Z",
                                "2026-12-01T12:00:00Z", Source.CALENDAR, "o", "2026-12-01T12:00:00Z")),
                rule("BUSY beats WORKING_ELSEWHERE",
                        input(KARI, null, calendar(item("w", "09:00", "11:00", FreeBusy.WORKING_ELSEWHERE),
                                busy("b", "09:30", "10:00"))), "2026-12-01T09:45:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:30:00Z",
                                "2026-12-01T10:00:00Z", Source.CALENDAR, "b", "2026-12-01T10:00:00Z")),
                rule("WORKING_ELSEWHERE beats TENTATIVE and resolves to the switchboard",
                        input(KARI, null, calendar(item("t", "09:00", "11:00", FreeBusy.TENTATIVE),
                                item("w", "09:00", "10:00", FreeBusy.WORKING_ELSEWHERE))), "2026-12-01T09:15:00Z",
                        new Expected(State.WORKING_ELSEWHERE, Action.SWITCHBOARD, SWITCHBOARD, "2026-12-01T09:00:00Z",
                                "2026-12-01T10:00:00Z", Source.CALENDAR, "w", "2026-12-01T10:00:00Z")),
                rule("after the stronger item the weaker one resumes",
                        input(KARI, null, calendar(item("t", "09:00", "11:00", FreeBusy.TENTATIVE),
                                item("w", "09:00", "10:00", FreeBusy.WORKING_ELSEWHERE))), "2026-12-01T10:15:00Z",
                        new Expected(State.TENTATIVE, Action.RING, null, "2026-12-01T10:00:00Z",
                                "2026-12-01T11:00:00Z", Source.CALENDAR, "t", "2026-12-01T11:00:00Z")),
                rule("settings RING for the winning type: busy, but the call rings",
                        input(StatusSettings.allRing(), null, calendar(busy("m1", "09:00", "10:00"))),
                        "2026-12-01T09:30:00Z",
                        new Expected(State.BUSY, Action.RING, null, "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z",
                                Source.CALENDAR, "m1", "2026-12-01T10:00:00Z")),
                rule("back-to-back meetings: until extends over both, reason names the current one",
                        input(KARI, null, calendar(busy("a", "09:00", "10:00"), busy("b", "10:00", "11:00"))),
                        "2026-12-01T10:30:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T11:00:00Z", Source.CALENDAR, "b", "2026-12-01T11:00:00Z")),
                rule("back-to-back meetings: the reason changes when the second starts",
                        input(KARI, null, calendar(busy("a", "09:00", "10:00"), busy("b", "10:00", "11:00"))),
                        "2026-12-01T09:30:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T11:00:00Z", Source.CALENDAR, "a", "2026-12-01T10:00:00Z")),
                rule("overlapping meetings of one strength: until the last ends",
                        input(KARI, null, calendar(busy("a", "09:00", "10:30"), busy("b", "10:00", "11:00"),
                                busy("c", "11:00", "11:15"))), "2026-12-01T09:15:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T11:15:00Z", Source.CALENDAR, "a", "2026-12-01T10:30:00Z")),
                rule("a gap ends the run",
                        input(KARI, null, calendar(busy("a", "09:00", "10:00"), busy("b", "10:01", "11:00"))),
                        "2026-12-01T09:15:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T10:00:00Z", Source.CALENDAR, "a", "2026-12-01T10:00:00Z")),
                rule("nested weaker meeting inside a busy one changes nothing",
                        input(KARI, null, calendar(busy("outer", "09:00", "12:00"),
                                item("inner", "10:00", "11:00", FreeBusy.TENTATIVE))), "2026-12-01T10:30:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T12:00:00Z", Source.CALENDAR, "outer", "2026-12-01T12:00:00Z")),
                rule("nested stronger meeting interrupts a tentative one",
                        input(KARI, null, calendar(item("outer", "09:00", "12:00", FreeBusy.TENTATIVE),
                                busy("inner", "10:00", "11:00"))), "2026-12-01T11:30:00Z",
                        new Expected(State.TENTATIVE, Action.RING, null, "2026-12-01T11:00:00Z",
                                "2026-12-01T12:00:00Z", Source.CALENDAR, "outer", "2026-12-01T12:00:00Z")),
                rule("nested same-strength meeting keeps the outer one as the reason",
                        input(KARI, null, calendar(busy("outer", "09:00", "12:00"), busy("inner", "10:00", "11:00"))),
                        "2026-12-01T10:30:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T12:00:00Z", Source.CALENDAR, "outer", "2026-12-01T12:00:00Z")),
                rule("override beats the calendar while it lasts",
                        input(KARI, new ManualOverride(ActionChoice.RING, t("2026-12-01T08:00:00Z"), t("2026-12-01T09:30:00Z")),
                                calendar(busy("m1", "09:00", "10:00"))), "2026-12-01T09:15:00Z",
                        new Expected(State.OVERRIDE, Action.RING, null, "2026-12-01T08:00:00Z",
                                "2026-12-01T09:30:00Z", Source.OVERRIDE, null, "2026-12-01T09:30:00Z")),
                rule("the calendar resumes when the override expires",
                        input(KARI, new ManualOverride(ActionChoice.RING, t("2026-12-01T08:00:00Z"), t("2026-12-01T09:30:00Z")),
                                calendar(busy("m1", "09:00", "10:00"))), "2026-12-01T09:30:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-01T09:30:00Z",
                                "2026-12-01T10:00:00Z", Source.CALENDAR, "m1", "2026-12-01T10:00:00Z")),
                rule("override to the switchboard resolves the tenant's number",
                        input(KARI, new ManualOverride(new ActionChoice(Action.SWITCHBOARD, null), t("2026-12-01T08:00:00Z"),
                                t("2026-12-01T12:00:00Z")), null), "2026-12-01T09:00:00Z",
                        new Expected(State.OVERRIDE, Action.SWITCHBOARD, SWITCHBOARD, "2026-12-01T08:00:00Z",
                                "2026-12-01T12:00:00Z", Source.OVERRIDE, null, "2026-12-01T12:00:00Z")),
                rule("switchboard while the tenant's number is unknown: ring",
                        new RoutingInput(KARI, null, calendar(item("w", "09:00", "10:00", FreeBusy.WORKING_ELSEWHERE)),
                                OSLO, null), "2026-12-01T09:30:00Z",
                        new Expected(State.WORKING_ELSEWHERE, Action.RING, null, "2026-12-01T09:00:00Z",
                                "2026-12-01T10:00:00Z", Source.CALENDAR, "w", "2026-12-01T10:00:00Z")),
                rule("all-day item covers the local day in the tenant's zone",
                        input(KARI, null, calendar(Appointment.allDay("ad", LocalDate.parse("2026-12-04"),
                                LocalDate.parse("2026-12-06"), null, FreeBusy.OOF))), "2026-12-03T23:00:00Z",
                        new Expected(State.OOF, Action.FORWARD, FORWARD_TO, "2026-12-03T23:00:00Z",
                                "2026-12-05T23:00:00Z", Source.CALENDAR, "ad", "2026-12-05T23:00:00Z")),
                rule("all-day item in its own zone wins over the tenant's",
                        input(KARI, null, calendar(Appointment.allDay("ny", LocalDate.parse("2026-12-04"),
                                LocalDate.parse("2026-12-05"), ZoneId.of("America/New_York"), FreeBusy.OOF))),
                        "2026-12-04T04:59:00Z",
                        new Expected(State.AVAILABLE, Action.RING, null, null, "2026-12-04T05:00:00Z",
                                Source.DEFAULT, null, "2026-12-04T05:00:00Z")),
                rule("all-day item without local dates falls back to its instants",
                        input(KARI, null, calendar(new Appointment("x", t("2026-12-04T00:00:00Z"),
                                t("2026-12-05T00:00:00Z"), true, null, null, null, FreeBusy.BUSY, false, null, null))),
                        "2026-12-04T12:00:00Z",
                        new Expected(State.BUSY, Action.VOICEMAIL, null, "2026-12-04T00:00:00Z",
                                "2026-12-05T00:00:00Z", Source.CALENDAR, "x", "2026-12-05T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void statusFollowsTheRule(String rule, RoutingInput input, Instant at, Expected expected) {
        Status status = new StatusEngine(Clock.fixed(at, ZoneOffset.UTC)).current(input);

        assertThat(new Expected(status.state(), status.action(), status.target(), str(status.since()),
                str(status.until()), status.reason().source(), status.reason().itemId(), str(status.nextChange())))
                .as(rule)
                .isEqualTo(expected);
    }

    @Test
    void aDeclinedMeetingNeverCountsAndAnUnansweredInvitationCountsAsTheUserChose() {
        Instant at = t("2026-12-01T09:10:00Z");
        Appointment declined = answered(busy("d", "09:00", "10:00"), Response.DECLINED);
        Appointment unanswered = answered(busy("u", "09:00", "10:00"),
                Response.NOT_RESPONDED);
        Appointment accepted = answered(busy("a", "09:00", "10:00"), Response.ACCEPTED);

        Status declinedOnly = engineAt(at).current(input(KARI, null, calendar(declined)));
        assertThat(declinedOnly.state()).isEqualTo(State.AVAILABLE);
        assertThat(declinedOnly.action()).isEqualTo(Action.RING);
        assertThat(engineAt(at).current(input(KARI, null, calendar(declined, accepted))).reason().itemId())
                .isEqualTo("a");

        assertThat(engineAt(at).current(input(withUnanswered(UnansweredInvitations.AS_SHOWN), null,
                calendar(unanswered))).action()).isEqualTo(Action.VOICEMAIL);
        Status asTentative = engineAt(at).current(input(withUnanswered(UnansweredInvitations.TENTATIVE), null,
                calendar(unanswered)));
        assertThat(asTentative.state()).isEqualTo(State.TENTATIVE);
        assertThat(asTentative.action()).isEqualTo(Action.BUSY);
        assertThat(asTentative.reason().busyType()).isEqualTo(FreeBusy.TENTATIVE);
        assertThat(engineAt(at).current(input(withUnanswered(UnansweredInvitations.IGNORE), null,
                calendar(unanswered))).state()).isEqualTo(State.AVAILABLE);
        // The choice is about unanswered invitations only: an accepted meeting counts as shown whatever it is.
        assertThat(engineAt(at).current(input(withUnanswered(UnansweredInvitations.IGNORE), null,
                calendar(accepted))).action()).isEqualTo(Action.VOICEMAIL);
    }

    @Test
    void scheduledAutomaticRepliesAreOutOfOfficeForTheirTimeAndBeatABusyMeetingButNotAnOverride() {
        CalendarSnapshot away = new CalendarSnapshot(WINDOW_START, WINDOW_END, true,
                List.of(busy("m", "09:00", "10:00")),
                new AwayReplies(t("2026-12-01T09:30:00Z"), t("2026-12-03T07:00:00Z")));

        Status meeting = engineAt(t("2026-12-01T09:10:00Z")).current(input(KARI, null, away));
        assertThat(meeting.state()).isEqualTo(State.BUSY);
        assertThat(meeting.until()).isEqualTo(t("2026-12-01T09:30:00Z"));

        Status replies = engineAt(t("2026-12-01T09:40:00Z")).current(input(KARI, null, away));
        assertThat(replies.state()).isEqualTo(State.OOF);
        assertThat(replies.action()).isEqualTo(Action.FORWARD);
        assertThat(replies.target()).isEqualTo(FORWARD_TO);
        assertThat(replies.reason()).isEqualTo(Reason.AUTOMATIC_REPLIES);
        assertThat(replies.until()).isEqualTo(t("2026-12-03T07:00:00Z"));

        assertThat(engineAt(t("2026-12-03T07:00:00Z")).current(input(KARI, null, away)).state())
                .isEqualTo(State.AVAILABLE);
        ManualOverride available = new ManualOverride(ActionChoice.RING, t("2026-12-01T12:00:00Z"),
                t("2026-12-01T13:00:00Z"));
        assertThat(engineAt(t("2026-12-01T12:30:00Z")).current(input(KARI, available, away)).state())
                .isEqualTo(State.OVERRIDE);
    }

    @Test
    void automaticRepliesAlwaysOnAreOutOfOfficeUntilSwitchedOffAndOnlyWhileSyncIsOn() {
        CalendarSnapshot on = new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(), AwayReplies.alwaysOn());
        Status status = engineAt(t("2026-12-14T23:00:00Z")).current(input(KARI, null, on));
        assertThat(status.state()).isEqualTo(State.OOF);
        assertThat(status.reason().source()).isEqualTo(Source.AUTOMATIC_REPLIES);
        assertThat(status.until()).as("no end: until switched off").isNull();
        assertThat(engineAt(t("2026-12-20T12:00:00Z")).current(input(KARI, null, on)).state())
                .as("beyond the calendar window too").isEqualTo(State.OOF);

        CalendarSnapshot optedOut = new CalendarSnapshot(WINDOW_START, WINDOW_END, false, List.of(),
                AwayReplies.alwaysOn());
        assertThat(engineAt(t("2026-12-01T12:00:00Z")).current(input(KARI, null, optedOut)).state())
                .isEqualTo(State.AVAILABLE);
    }

    @Test
    void automaticRepliesScheduledForALocalDayCoverTheShortDayOfTheSpringForward() {
        // Outlook schedules "away on Sunday 29 March" as local midnight to midnight: 23 hours in Oslo that day.
        Instant midnight = java.time.ZonedDateTime.parse("2026-03-29T00:00:00+01:00[Europe/Oslo]").toInstant();
        Instant nextMidnight = java.time.ZonedDateTime.parse("2026-03-30T00:00:00+02:00[Europe/Oslo]").toInstant();
        CalendarSnapshot away = new CalendarSnapshot(t("2026-03-20T00:00:00Z"), t("2026-04-10T00:00:00Z"), true,
                List.of(), new AwayReplies(midnight, nextMidnight));

        List<StatusInterval> timeline = new StatusEngine(Clock.fixed(midnight, ZoneOffset.UTC))
                .timeline(input(KARI, null, away), t("2026-03-28T12:00:00Z"), t("2026-03-30T12:00:00Z"));

        assertThat(timeline).filteredOn(interval -> interval.state() == State.OOF).singleElement().satisfies(interval -> {
            assertThat(interval.from()).isEqualTo(midnight);
            assertThat(interval.to()).isEqualTo(nextMidnight);
            assertThat(java.time.Duration.between(interval.from(), interval.to())).hasHours(23);
        });
    }

    private static StatusSettings withUnanswered(UnansweredInvitations unanswered) {
        return new StatusSettings(ALL_DISTINCT.choices(), unanswered);
    }

    @Test
    void theReasonCarriesTheBusyTypeAndASubjectOnlyWhenTheMessageHadOne() {
        Appointment withSubject = new Appointment("s", t("2026-12-01T09:00:00Z"), t("2026-12-01T10:00:00Z"), false,
                null, null, null, FreeBusy.BUSY, false, "Board meeting", null);
        Instant at = t("2026-12-01T09:10:00Z");

        Reason shared = engineAt(at).current(input(KARI, null, calendar(withSubject))).reason();
        Reason withheld = engineAt(at).current(input(KARI, null, calendar(busy("s", "09:00", "10:00")))).reason();

        assertThat(shared).isEqualTo(new Reason(Source.CALENDAR, FreeBusy.BUSY, "s", "Board meeting"));
        assertThat(withheld).isEqualTo(new Reason(Source.CALENDAR, FreeBusy.BUSY, "s", null));
    }

    @Test
    void zeroLengthAndInvertedItemsAreRejected() {
        Instant nine = t("2026-12-01T09:00:00Z");
        LocalDate day = LocalDate.parse("2026-12-04");

        assertThatThrownBy(() -> Appointment.timed("z", nine, nine, FreeBusy.BUSY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero length");
        assertThatThrownBy(() -> Appointment.timed("i", nine, nine.minusSeconds(60), FreeBusy.BUSY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end before its start");
        assertThatThrownBy(() -> Appointment.allDay("z", day, day, null, FreeBusy.OOF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero length");
        assertThatThrownBy(() -> Appointment.allDay("i", day, day.minusDays(1), null, FreeBusy.OOF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end before its start");
        assertThatThrownBy(() -> new ManualOverride(ActionChoice.RING, nine, nine))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActionChoice(Action.FORWARD, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timelineListsEveryChangeAndSaysUnknownBeyondTheWindow() {
        RoutingInput input = input(KARI, null, calendar(busy("a", "09:00", "10:00"), busy("b", "10:00", "11:00"),
                item("w", "13:00", "14:00", FreeBusy.WORKING_ELSEWHERE)));

        List<StatusInterval> day = engineAt(t("2026-12-01T00:00:00Z"))
                .timeline(input, t("2026-12-01T08:00:00Z"), t("2026-12-01T15:00:00Z"));
        List<StatusInterval> pastWindow = engineAt(t("2026-12-01T00:00:00Z"))
                .timeline(input, t("2026-12-14T12:00:00Z"), t("2026-12-15T12:00:00Z"));

        assertThat(day).extracting(i -> str(i.from()) + " " + i.state() + " " + i.action() + " " + i.reason().itemId())
                .containsExactly(
                        "2026-12-01T08:00:00Z AVAILABLE RING null",
                        "2026-12-01T09:00:00Z BUSY VOICEMAIL a",
                        "2026-12-01T10:00:00Z BUSY VOICEMAIL b",
                        "2026-12-01T11:00:00Z AVAILABLE RING null",
                        "2026-12-01T13:00:00Z WORKING_ELSEWHERE SWITCHBOARD w",
                        "2026-12-01T14:00:00Z AVAILABLE RING null");
        assertThat(day.get(day.size() - 1).to()).isEqualTo(t("2026-12-01T15:00:00Z"));
        assertThat(pastWindow).extracting(i -> str(i.from()) + " " + i.reason().source())
                .containsExactly("2026-12-14T12:00:00Z DEFAULT", "2026-12-15T00:00:00Z UNKNOWN");
    }

    @Test
    void timelineRejectsAnEmptyOrInvertedRange() {
        RoutePlan plan = new StatusEngine(Clock.systemUTC()).plan(input(KARI, null, calendar()));
        Instant nine = t("2026-12-01T09:00:00Z");

        assertThatThrownBy(() -> plan.timeline(nine, nine)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.timeline(nine, nine.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currentReadsTheClock() {
        RoutingInput input = input(KARI, null, calendar(busy("m1", "09:00", "10:00")));

        assertThat(engineAt(t("2026-12-01T08:59:59.999Z")).current(input).state()).isEqualTo(State.AVAILABLE);
        assertThat(engineAt(t("2026-12-01T09:00:00Z")).current(input).state()).isEqualTo(State.BUSY);
    }

    static StatusEngine engineAt(Instant at) {
        return new StatusEngine(Clock.fixed(at, ZoneOffset.UTC));
    }

    static RoutingInput input(StatusSettings settings, ManualOverride override, CalendarSnapshot calendar) {
        return new RoutingInput(settings, override, calendar, OSLO, SWITCHBOARD);
    }

    static CalendarSnapshot calendar(Appointment... items) {
        return new CalendarSnapshot(WINDOW_START, WINDOW_END, true, new ArrayList<>(Arrays.asList(items)));
    }

    /** A meeting on 2026-12-01 between two UTC times of day. */
    static Appointment item(String id, String from, String to, FreeBusy busyType) {
        return Appointment.timed(id, t("2026-12-01T" + from + ":00Z"), t("2026-12-01T" + to + ":00Z"), busyType);
    }

    static Appointment busy(String id, String from, String to) {
        return item(id, from, to, FreeBusy.BUSY);
    }

    static Appointment cancelled(Appointment a) {
        return new Appointment(a.itemId(), a.start(), a.end(), a.allDay(), a.startDate(), a.endDate(), a.timeZone(),
                a.busyType(), true, a.subject(), a.response());
    }

    static Appointment answered(Appointment a, Response response) {
        return new Appointment(a.itemId(), a.start(), a.end(), a.allDay(), a.startDate(), a.endDate(), a.timeZone(),
                a.busyType(), a.cancelled(), a.subject(), response);
    }

    static Instant t(String instant) {
        return Instant.parse(instant);
    }

    static String str(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
