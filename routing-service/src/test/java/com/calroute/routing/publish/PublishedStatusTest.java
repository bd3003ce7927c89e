package com.calroute.routing.publish;

import com.calroute.contracts.status.StatusMessage;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.status.Action;
import com.calroute.routing.status.ActionChoice;
import com.calroute.routing.status.Appointment;
import com.calroute.routing.status.CalendarSnapshot;
import com.calroute.routing.status.CallerRules;
import com.calroute.routing.status.FreeBusy;
import com.calroute.routing.status.Reason;
import com.calroute.routing.status.RoutePlan;
import com.calroute.routing.status.RoutingInput;
import com.calroute.routing.status.Source;
import com.calroute.routing.status.State;
import com.calroute.routing.status.Status;
import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.status.StatusSettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the publisher keeps of a published value tells every change a new event would carry, and nothing else. */
class PublishedStatusTest {

    private static final Instant SINCE = Instant.parse("2026-12-06T09:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-06T10:00:00Z");
    private static final UserRoute KARI = new UserRoute("acme/kari", "acme", "kari", "+4791000001", 0, null,
            CallerRules.NONE);
    private static final Reason MEETING = new Reason(Source.CALENDAR, FreeBusy.BUSY, "item-1", null, "MØT", null,
            false);
    private static final Status IN_A_MEETING = new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL,
            MEETING, UNTIL);

    @Test
    void aValueSaysTheStatusItWasMadeOf_whateverItsVersionChangeTimeAndNextChange() {
        PublishedStatus published = PublishedStatus.published(StatusMessages.of(KARI, IN_A_MEETING, 7, SINCE), MEETING, KARI);

        assertThat(published.version()).isEqualTo(7);
        assertThat(published.says(KARI, IN_A_MEETING)).isTrue();
        assertThat(published.says(KARI, new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL, MEETING,
                UNTIL.plusSeconds(60)))).as("the next change is not published").isTrue();
    }

    @Test
    void everyPublishedFieldThatChangesIsAChange() {
        PublishedStatus published = PublishedStatus.published(StatusMessages.of(KARI, IN_A_MEETING, 7, SINCE), MEETING, KARI);
        UserRoute renumbered = new UserRoute("acme/kari", "acme", "kari", "+4791000009", 0, null, CallerRules.NONE);

        assertThat(published.says(renumbered, IN_A_MEETING)).as("number").isFalse();
        for (Status changed : List.of(
                new Status(State.OOF, Action.FORWARD, "+4790000000", SINCE, UNTIL, MEETING, UNTIL),
                new Status(State.BUSY, Action.VOICEMAIL, null, SINCE, UNTIL, MEETING, UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000001", SINCE, UNTIL, MEETING, UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE.plusNanos(1), UNTIL, MEETING, UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", null, UNTIL, MEETING, UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, null, MEETING, UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL,
                        new Reason(Source.CALENDAR, FreeBusy.BUSY, "item-2", null, "MØT", null, false), UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL,
                        new Reason(Source.CALENDAR, FreeBusy.BUSY, "item-1", "Styremøte", "MØT", null, false), UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL,
                        new Reason(Source.CALENDAR, FreeBusy.BUSY, "item-1", null, "MØT", null, true), UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL,
                        new Reason(Source.CALENDAR, FreeBusy.OOF, "item-1", null, "MØT", null, false), UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL,
                        new Reason(Source.CALENDAR, FreeBusy.BUSY, "item-1", null, null, "MØT", false), UNTIL),
                new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL, Reason.OVERRIDE, UNTIL))) {
            assertThat(published.says(KARI, changed)).as(changed.toString()).isFalse();
        }
    }

    @Test
    void aValueReadBackSaysWhatItSays_andATombstoneSaysNothing() {
        StatusMessage readBack = StatusMessages.of(KARI, IN_A_MEETING, 3, SINCE);

        assertThat(PublishedStatus.readBack(readBack, null).says(KARI, IN_A_MEETING)).isTrue();
        for (Reason reason : List.of(Reason.DEFAULT, Reason.UNKNOWN, Reason.OVERRIDE, Reason.AUTOMATIC_REPLIES,
                Reason.WORKING_HOURS, new Reason(Source.CALENDAR, FreeBusy.TENTATIVE, "item-3", "Lunsj", null,
                        "Privat", true))) {
            Status status = new Status(State.BUSY, Action.FORWARD, "+4790000000", SINCE, UNTIL, reason, UNTIL);
            assertThat(PublishedStatus.readBack(StatusMessages.of(KARI, status, 3, SINCE), KARI).says(KARI, status))
                    .as(reason.toString()).isTrue();
            assertThat(PublishedStatus.readBack(StatusMessages.of(KARI, status, 3, SINCE), KARI).says(KARI, IN_A_MEETING))
                    .as(reason.toString()).isFalse();
        }
        PublishedStatus tombstone = PublishedStatus.tombstone(4);
        assertThat(tombstone.isTombstone()).isTrue();
        assertThat(tombstone.version()).isEqualTo(4);
        assertThat(tombstone.says(KARI, IN_A_MEETING)).isFalse();
    }

    @Test
    void aValueReadBackBeforeItsRouteWasBuiltSharesTheRoutesStringsOnceItIs() {
        // As the status topic's JSON gives them: equal strings, other instances.
        StatusMessage readBack = new StatusMessage(StatusMessage.SCHEMA, 3, new String("+4791000001"),
                new String("acme"), new String("kari"), com.calroute.contracts.status.StatusState.BUSY,
                com.calroute.contracts.CallAction.FORWARD, "+4790000000", SINCE, UNTIL,
                StatusMessages.reason(MEETING), SINCE);
        PublishedStatus copies = PublishedStatus.readBack(readBack, null);

        PublishedStatus shared = copies.sharing(KARI);

        assertThat(shared).isNotSameAs(copies);
        assertThat(shared.says(KARI, IN_A_MEETING)).isTrue();
        assertThat(shared.version()).isEqualTo(3);
        assertThat(shared.sharing(KARI)).as("nothing left to share").isSameAs(shared);
        PublishedStatus readWithItsRoute = PublishedStatus.readBack(readBack, KARI);
        assertThat(readWithItsRoute.sharing(KARI)).as("shared when read").isSameAs(readWithItsRoute);
        UserRoute renumbered = new UserRoute("acme/kari", "acme", "kari", "+4791000009", 0, null, CallerRules.NONE);
        assertThat(shared.sharing(renumbered).says(KARI, IN_A_MEETING)).as("a different number stays its own").isTrue();
    }

    @Test
    void aValueReadBackSharesTheReasonItsRoutesPlanHolds() {
        CalendarSnapshot calendar = new CalendarSnapshot(SINCE.minusSeconds(86_400), SINCE.plusSeconds(86_400), true,
                List.of(Appointment.timed("item-1", SINCE, UNTIL, FreeBusy.BUSY)));
        RoutePlan plan = new StatusEngine(Clock.fixed(SINCE, ZoneOffset.UTC)).plan(new RoutingInput(
                new StatusSettings(Map.of(FreeBusy.BUSY, new ActionChoice(Action.VOICEMAIL, null))), null, calendar,
                ZoneId.of("Europe/Oslo"), null, null));
        UserRoute kari = new UserRoute("acme/kari", "acme", "kari", "+4791000001", 0, plan, CallerRules.NONE);
        Status inTheMeeting = plan.statusAt(SINCE);

        PublishedStatus read = PublishedStatus.readBack(StatusMessages.of(kari, inTheMeeting, 2, SINCE), kari);

        assertThat(read.says(kari, inTheMeeting)).isTrue();
        assertThat(read.sharing(kari)).as("the plan's reason is already the one held").isSameAs(read);
        assertThat(plan.heldReason(new Reason(Source.CALENDAR, FreeBusy.BUSY, "item-1", null)))
                .isSameAs(inTheMeeting.reason());
    }
}
