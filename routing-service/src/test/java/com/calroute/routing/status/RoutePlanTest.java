package com.calroute.routing.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The compact plan answers to the nanosecond where its input is finer than a second (an override set at an instant),
 * shares equal reasons, and refuses what is not a plan.
 */
class RoutePlanTest {

    private static final Instant T = Instant.parse("2026-12-06T09:00:00.250Z");
    private static final Reason MEETING = new Reason(Source.CALENDAR, FreeBusy.BUSY, "m1", null);

    private static final RoutePlan PLAN = new RoutePlan(List.of(
            new StatusInterval(Instant.MIN, T, State.AVAILABLE, Action.RING, null, Reason.DEFAULT),
            new StatusInterval(T, T.plusSeconds(3600), State.OVERRIDE, Action.FORWARD, "+4790000000",
                    Reason.OVERRIDE),
            new StatusInterval(T.plusSeconds(3600), T.plusSeconds(7200), State.BUSY, Action.VOICEMAIL, null,
                    new Reason(Source.CALENDAR, FreeBusy.BUSY, "m1", null)),
            new StatusInterval(T.plusSeconds(7200), T.plusSeconds(7201), State.BUSY, Action.VOICEMAIL, null,
                    Reason.DEFAULT),
            new StatusInterval(T.plusSeconds(7201), Instant.MAX, State.BUSY, Action.VOICEMAIL, null,
                    new Reason(Source.CALENDAR, FreeBusy.BUSY, "m1", null))));

    @Test
    void startsFinerThanASecondAreKeptToTheNanosecond() {
        assertThat(PLAN.statusAt(T.minusNanos(1)).state()).isEqualTo(State.AVAILABLE);
        assertThat(PLAN.statusAt(T.minusNanos(1)).nextChange()).isEqualTo(T);
        Status overridden = PLAN.statusAt(T);
        assertThat(overridden.state()).isEqualTo(State.OVERRIDE);
        assertThat(overridden.target()).isEqualTo("+4790000000");
        assertThat(overridden.since()).isEqualTo(T);
        assertThat(overridden.until()).isEqualTo(T.plusSeconds(3600));
        assertThat(PLAN.nextChangeAfter(T.plusSeconds(3600).minusNanos(1))).isEqualTo(T.plusSeconds(3600));
    }

    @Test
    void aRunOfEqualHandlingBoundsSinceAndUntilWhateverItsReasons() {
        Status meeting = PLAN.statusAt(T.plusSeconds(7200));

        assertThat(meeting.since()).isEqualTo(T.plusSeconds(3600));
        assertThat(meeting.until()).as("the last interval never ends").isNull();
        assertThat(meeting.nextChange()).isEqualTo(T.plusSeconds(7201));
        assertThat(PLAN.statusAt(Instant.MIN).since()).isNull();
    }

    @Test
    void equalReasonsAreHeldOnce() {
        assertThat(PLAN.statusAt(T.plusSeconds(3600)).reason()).isEqualTo(MEETING)
                .isSameAs(PLAN.statusAt(T.plusSeconds(9000)).reason());
    }

    @Test
    void aTimelineIsTheIntervalsClipped() {
        assertThat(PLAN.timeline(T.minusSeconds(10), T.plusSeconds(10))).containsExactly(
                new StatusInterval(T.minusSeconds(10), T, State.AVAILABLE, Action.RING, null, Reason.DEFAULT),
                new StatusInterval(T, T.plusSeconds(10), State.OVERRIDE, Action.FORWARD, "+4790000000",
                        Reason.OVERRIDE));
    }

    @Test
    void onlyContiguousIntervalsOverAllOfTimeMakeAPlan() {
        assertThatThrownBy(() -> new RoutePlan(List.of(
                new StatusInterval(Instant.MIN, T, State.AVAILABLE, Action.RING, null, Reason.DEFAULT),
                new StatusInterval(T.plusSeconds(1), Instant.MAX, State.AVAILABLE, Action.RING, null,
                        Reason.DEFAULT)))).hasMessageContaining("contiguous");
        assertThatThrownBy(() -> new RoutePlan(List.of(
                new StatusInterval(T, Instant.MAX, State.AVAILABLE, Action.RING, null, Reason.DEFAULT))))
                .hasMessageContaining("all of time");
    }
}
