package com.calroute.routing.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static com.calroute.routing.status.StatusEngineTest.KARI;
import static com.calroute.routing.status.StatusEngineTest.OSLO;
import static com.calroute.routing.status.StatusEngineTest.SWITCHBOARD;
import static com.calroute.routing.status.StatusEngineTest.engineAt;
import static com.calroute.routing.status.StatusEngineTest.t;
import static org.assertj.core.api.Assertions.assertThat;

/** All-day items across Europe/Oslo's daylight-saving transitions: 23- and 25-hour days. */
class StatusEngineDstTest {

    private static final Instant WINDOW_START = t("2026-03-01T00:00:00Z");
    private static final Instant WINDOW_END = t("2026-11-30T00:00:00Z");

    @Test
    void allDayItemOnTheSpringForwardDayLasts23Hours() {
        Status status = engineAt(t("2026-03-29T12:00:00Z")).current(allDay("2026-03-29", "2026-03-30", null));

        assertThat(status.since()).isEqualTo(t("2026-03-28T23:00:00Z"));
        assertThat(status.until()).isEqualTo(t("2026-03-29T22:00:00Z"));
        assertThat(status.state()).isEqualTo(State.OOF);
    }

    @Test
    void allDayItemOnTheFallBackDayLasts25Hours() {
        Status status = engineAt(t("2026-10-25T12:00:00Z")).current(allDay("2026-10-25", "2026-10-26", null));

        assertThat(status.since()).isEqualTo(t("2026-10-24T22:00:00Z"));
        assertThat(status.until()).isEqualTo(t("2026-10-25T23:00:00Z"));
    }

    @Test
    void multiDayItemAcrossTheTransitionStartsAndEndsAtLocalMidnight() {
        RoutingInput input = allDay("2026-03-27", "2026-03-31", null);

        Status status = engineAt(t("2026-03-29T01:30:00Z")).current(input);

        assertThat(status.since()).isEqualTo(LocalDateTime.parse("2026-03-27T00:00").atZone(OSLO).toInstant());
        assertThat(status.until()).isEqualTo(LocalDateTime.parse("2026-03-31T00:00").atZone(OSLO).toInstant());
        assertThat(status.until()).isEqualTo(t("2026-03-30T22:00:00Z"));
        assertThat(status.since()).isEqualTo(t("2026-03-26T23:00:00Z"));
    }

    @Test
    void timedMeetingOverTheSkippedHourIsPlacedByItsInstants() {
        // 01:30 to 03:30 local on 2026-03-29 is one hour long: 02:00-03:00 does not exist that night.
        Appointment night = Appointment.timed("night", LocalDateTime.parse("2026-03-29T01:30").atZone(OSLO).toInstant(),
                LocalDateTime.parse("2026-03-29T03:30").atZone(OSLO).toInstant(), FreeBusy.BUSY);
        RoutingInput input = new RoutingInput(KARI, null,
                new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(night)), OSLO, SWITCHBOARD);

        List<StatusInterval> timeline = engineAt(WINDOW_START)
                .timeline(input, t("2026-03-29T00:00:00Z"), t("2026-03-29T02:00:00Z"));

        assertThat(timeline).extracting(i -> i.from() + " " + i.state())
                .containsExactly("2026-03-29T00:00:00Z AVAILABLE", "2026-03-29T00:30:00Z BUSY",
                        "2026-03-29T01:30:00Z AVAILABLE");
    }

    @Test
    void timelineOfTheFallBackWeekendShowsThe25HourDay() {
        RoutingInput input = allDay("2026-10-25", "2026-10-26", null);

        List<StatusInterval> timeline = engineAt(WINDOW_START)
                .timeline(input, t("2026-10-24T12:00:00Z"), t("2026-10-26T12:00:00Z"));

        assertThat(timeline).extracting(i -> i.from() + " " + i.to() + " " + i.state()).containsExactly(
                "2026-10-24T12:00:00Z 2026-10-24T22:00:00Z AVAILABLE",
                "2026-10-24T22:00:00Z 2026-10-25T23:00:00Z OOF",
                "2026-10-25T23:00:00Z 2026-10-26T12:00:00Z AVAILABLE");
    }

    @Test
    void itemZoneWithoutDstPlacesTheDayDifferentlyFromOslo() {
        RoutingInput input = allDay("2026-03-29", "2026-03-30", ZoneId.of("UTC"));

        Status status = engineAt(t("2026-03-29T12:00:00Z")).current(input);

        assertThat(status.since()).isEqualTo(t("2026-03-29T00:00:00Z"));
        assertThat(status.until()).isEqualTo(t("2026-03-30T00:00:00Z"));
    }

    private static RoutingInput allDay(String from, String to, ZoneId zone) {
        Appointment item = Appointment.allDay("ad", LocalDate.parse(from), LocalDate.parse(to), zone, FreeBusy.OOF);
        return new RoutingInput(KARI, null, new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(item)), OSLO,
                SWITCHBOARD);
    }
}
