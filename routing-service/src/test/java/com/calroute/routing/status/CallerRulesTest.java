package com.calroute.routing.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerRulesTest {

    private static final String KARI = "+4791000001";
    private static final String HUSBAND = "+4741234567";
    private static final String COLLEAGUE = "+4791000002";
    private static final String STRANGER = "+4799887766";
    private static final Instant SINCE = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-01T10:00:00Z");
    private static final Predicate<String> ENROLLED_IN_ACME = COLLEAGUE::equals;

    private static final CallerRules HUSBAND_AND_COLLEAGUES = new CallerRules(Set.of(HUSBAND), true);
    private static final CallerRules HUSBAND_ONLY = new CallerRules(Set.of(HUSBAND), false);

    @Test
    void aPriorityCallerRingsThroughAMeeting_keepingWhyAndUntilWhenTheUserIsBusy() {
        Status meeting = status(State.BUSY, Action.VOICEMAIL, null, calendar(FreeBusy.BUSY));
        assertThat(HUSBAND_ONLY.ringThrough(KARI, meeting, HUSBAND, ENROLLED_IN_ACME))
                .isEqualTo(CallerRules.RingThrough.PRIORITY_CALLER);

        Status ringing = CallerRules.ringing(meeting);
        assertThat(ringing.action()).isEqualTo(Action.RING);
        assertThat(ringing.target()).isNull();
        assertThat(ringing.state()).isEqualTo(State.BUSY);
        assertThat(ringing.reason()).isEqualTo(meeting.reason());
        assertThat(ringing.since()).isEqualTo(SINCE);
        assertThat(ringing.until()).isEqualTo(UNTIL);
    }

    @Test
    void priorityCallersRingThroughAutomaticRepliesWorkingHoursAndEveryActionButRing() {
        Status away = status(State.OOF, Action.FORWARD, "+4790000000", Reason.AUTOMATIC_REPLIES);
        Status evening = status(State.OUTSIDE_WORKING_HOURS, Action.SWITCHBOARD, "+4722000000", Reason.WORKING_HOURS);
        Status tentative = status(State.TENTATIVE, Action.BUSY, null, calendar(FreeBusy.TENTATIVE));
        for (Status status : new Status[] {away, evening, tentative}) {
            assertThat(HUSBAND_ONLY.ringThrough(KARI, status, HUSBAND, ENROLLED_IN_ACME))
                    .as("%s", status).isEqualTo(CallerRules.RingThrough.PRIORITY_CALLER);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Action.class, names = "RING", mode = EnumSource.Mode.EXCLUDE)
    void aManualOverrideIsTheUsersOwnWordAndNoCallerRingsThroughIt(Action action) {
        Status override = status(State.OVERRIDE, action, action == Action.FORWARD ? "+4790000000" : null,
                Reason.OVERRIDE);
        assertThat(HUSBAND_AND_COLLEAGUES.ringThrough(KARI, override, HUSBAND, ENROLLED_IN_ACME)).isNull();
        assertThat(HUSBAND_AND_COLLEAGUES.ringThrough(KARI, override, COLLEAGUE, ENROLLED_IN_ACME)).isNull();
    }

    @Test
    void aColleagueRingsThroughOnlyWhenTheUserLetsColleaguesThrough() {
        Status meeting = status(State.BUSY, Action.VOICEMAIL, null, calendar(FreeBusy.BUSY));
        assertThat(HUSBAND_AND_COLLEAGUES.ringThrough(KARI, meeting, COLLEAGUE, ENROLLED_IN_ACME))
                .isEqualTo(CallerRules.RingThrough.COLLEAGUE);
        assertThat(HUSBAND_ONLY.ringThrough(KARI, meeting, COLLEAGUE, ENROLLED_IN_ACME)).isNull();
    }

    @Test
    void onTheListAndAColleagueTooReadsAsPriorityCaller() {
        Status meeting = status(State.BUSY, Action.VOICEMAIL, null, calendar(FreeBusy.BUSY));
        CallerRules colleagueListed = new CallerRules(Set.of(COLLEAGUE), true);
        assertThat(colleagueListed.ringThrough(KARI, meeting, COLLEAGUE, ENROLLED_IN_ACME))
                .isEqualTo(CallerRules.RingThrough.PRIORITY_CALLER);
    }

    @Test
    void anyoneElse_noCaller_orCallingOneselfGoesWhereTheStatusSays() {
        Status meeting = status(State.BUSY, Action.VOICEMAIL, null, calendar(FreeBusy.BUSY));
        CallerRules listsHerself = new CallerRules(Set.of(KARI, HUSBAND), true);
        Predicate<String> everyoneEnrolled = n -> true;
        assertThat(HUSBAND_AND_COLLEAGUES.ringThrough(KARI, meeting, STRANGER, ENROLLED_IN_ACME)).isNull();
        assertThat(HUSBAND_AND_COLLEAGUES.ringThrough(KARI, meeting, null, ENROLLED_IN_ACME)).isNull();
        assertThat(listsHerself.ringThrough(KARI, meeting, KARI, everyoneEnrolled)).isNull();
        assertThat(CallerRules.NONE.ringThrough(KARI, meeting, HUSBAND, everyoneEnrolled)).isNull();
    }

    @Test
    void theListIsHeldAsNumbers_soOnlyTheExactNumberRingsThrough() {
        Status meeting = status(State.BUSY, Action.VOICEMAIL, null, calendar(FreeBusy.BUSY));
        CallerRules longest = new CallerRules(Set.of("+999999999999999", HUSBAND), false);

        assertThat(longest.priorityCallers()).containsExactlyInAnyOrder("+999999999999999", HUSBAND);
        assertThat(longest).isEqualTo(new CallerRules(Set.of(HUSBAND, "+999999999999999"), false))
                .hasSameHashCodeAs(new CallerRules(Set.of(HUSBAND, "+999999999999999"), false))
                .isNotEqualTo(new CallerRules(Set.of(HUSBAND, "+999999999999999"), true));
        assertThat(longest.listsNumbers()).isTrue();
        assertThat(CallerRules.NONE.listsNumbers()).isFalse();
        assertThat(longest.ringThrough(KARI, meeting, "+999999999999999", ENROLLED_IN_ACME))
                .isEqualTo(CallerRules.RingThrough.PRIORITY_CALLER);
        for (String notListed : List.of("4741234567", "+04741234567", "+474123456", "+47412345670", "+4741234567 ",
                "+47 41234567", "+9999999999999990", "+")) {
            assertThat(longest.ringThrough(KARI, meeting, notListed, ENROLLED_IN_ACME)).as(notListed).isNull();
        }
        assertThatThrownBy(() -> new CallerRules(Set.of("41234567"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStatusThatRingsAlreadyNeedsNoRingingThrough_andTheTableIsNotAsked() {
        Status free = status(State.AVAILABLE, Action.RING, null, Reason.DEFAULT);
        Status meetingSetToRing = status(State.BUSY, Action.RING, null, calendar(FreeBusy.BUSY));
        Predicate<String> mustNotBeAsked = n -> {
            throw new AssertionError("the table was asked about " + n);
        };
        assertThat(HUSBAND_AND_COLLEAGUES.ringThrough(KARI, free, HUSBAND, mustNotBeAsked)).isNull();
        assertThat(HUSBAND_AND_COLLEAGUES.ringThrough(KARI, meetingSetToRing, COLLEAGUE, mustNotBeAsked)).isNull();
        assertThat(HUSBAND_AND_COLLEAGUES.ringThrough(KARI,
                status(State.BUSY, Action.VOICEMAIL, null, calendar(FreeBusy.BUSY)), HUSBAND, mustNotBeAsked))
                .isEqualTo(CallerRules.RingThrough.PRIORITY_CALLER);
    }

    private static Reason calendar(FreeBusy busyType) {
        return new Reason(Source.CALENDAR, busyType, "item-1", null);
    }

    private static Status status(State state, Action action, String target, Reason reason) {
        return new Status(state, action, target, SINCE, UNTIL, reason, UNTIL);
    }
}
