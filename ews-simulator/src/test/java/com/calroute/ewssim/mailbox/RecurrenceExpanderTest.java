package com.calroute.ewssim.mailbox;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class RecurrenceExpanderTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static Appointment series(String start, String end, ZoneId zone, Recurrence rule) {
        return Appointment.builder().itemId(ItemIds.newItemId(ItemIds.mailboxKey("a@b.c"))).uid("u").changeKey("ck")
                .created(Instant.EPOCH).lastModified(Instant.EPOCH).subject("s").start(Instant.parse(start))
                .end(Instant.parse(end)).timeZone(zone).recurrence(rule).build();
    }

    private static List<Instant> starts(Appointment series, String from, String to) {
        return RecurrenceExpander.expand(series, Instant.parse(from), Instant.parse(to)).stream().map(CalendarInstance::start).toList();
    }

    @Test
    void weeklyMeetingsKeepTheirLocalTimeAcrossDaylightSavingTime() {
        Appointment weekly = series("2026-10-19T07:00:00Z", "2026-10-19T07:30:00Z", OSLO,
                new Recurrence(Recurrence.Pattern.WEEKLY, 1, List.of(DayOfWeek.MONDAY), 0, null, null, null, 3));

        assertThat(starts(weekly, "2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z")).containsExactly(
                Instant.parse("2026-10-19T07:00:00Z"), Instant.parse("2026-10-26T08:00:00Z"), Instant.parse("2026-11-02T08:00:00Z"));
    }

    @Test
    void deletedOccurrencesCountTowardsTheNumberOfOccurrencesAndMovedOnesLandAtTheirNewTime() {
        Appointment daily = series("2026-12-01T09:00:00Z", "2026-12-01T09:15:00Z", ZoneOffset.UTC,
                new Recurrence(Recurrence.Pattern.DAILY, 1, List.of(), 0, null, null, null, 4));
        TreeMap<Instant, OccurrenceChange> modified = new TreeMap<>();
        modified.put(Instant.parse("2026-12-02T09:00:00Z"), new OccurrenceChange("moved", null, Instant.parse("2026-12-10T12:00:00Z"),
                null, FreeBusyStatus.TENTATIVE, null, null, "ck2", Instant.EPOCH));
        TreeSet<Instant> deleted = new TreeSet<>(List.of(Instant.parse("2026-12-03T09:00:00Z")));
        Appointment edited = daily.toBuilder().modifiedOccurrences(modified).deletedOccurrences(deleted).build();

        List<CalendarInstance> view = RecurrenceExpander.expand(edited, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-31T00:00:00Z"));

        assertThat(view).extracting(CalendarInstance::start).containsExactly(Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-04T09:00:00Z"), Instant.parse("2026-12-10T12:00:00Z"));
        assertThat(view.get(2).kind()).isEqualTo(CalendarInstance.Kind.EXCEPTION);
        assertThat(view.get(2).end()).isEqualTo(Instant.parse("2026-12-10T12:15:00Z"));
        assertThat(view.get(2).freeBusy()).isEqualTo(FreeBusyStatus.TENTATIVE);
        assertThat(view).extracting(CalendarInstance::kind).doesNotContain(CalendarInstance.Kind.RECURRING_MASTER);
        assertThat(RecurrenceExpander.lastSlot(edited).originalStart()).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
    }

    @Test
    void monthlyOnThe31stFallsOnTheLastDayOfShorterMonthsAndUntilIsInclusive() {
        Appointment monthly = series("2027-01-31T10:00:00Z", "2027-01-31T11:00:00Z", ZoneOffset.UTC,
                new Recurrence(Recurrence.Pattern.MONTHLY, 1, List.of(), 31, null, null, LocalDate.parse("2027-04-30"), null));

        assertThat(starts(monthly, "2027-01-01T00:00:00Z", "2027-12-31T00:00:00Z")).containsExactly(
                Instant.parse("2027-01-31T10:00:00Z"), Instant.parse("2027-02-28T10:00:00Z"),
                Instant.parse("2027-03-31T10:00:00Z"), Instant.parse("2027-04-30T10:00:00Z"));
    }

    @Test
    void relativeMonthlyFindsTheLastWeekdayOfTheMonth() {
        Appointment lastMonday = series("2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z", ZoneOffset.UTC,
                new Recurrence(Recurrence.Pattern.RELATIVE_MONTHLY, 1, List.of(DayOfWeek.MONDAY), 0, Recurrence.WeekIndex.LAST, null, null, 3));

        assertThat(starts(lastMonday, "2026-12-01T00:00:00Z", "2027-12-31T00:00:00Z")).containsExactly(
                Instant.parse("2026-12-28T14:00:00Z"), Instant.parse("2027-01-25T14:00:00Z"), Instant.parse("2027-02-22T14:00:00Z"));
    }

    @Test
    void everyOtherWeekOnTwoDaysStartsInTheStartWeekAndSeriesWithoutEndExpandOnlyTheWindow() {
        Appointment biweekly = series("2026-12-02T08:00:00Z", "2026-12-02T09:00:00Z", ZoneOffset.UTC,
                new Recurrence(Recurrence.Pattern.WEEKLY, 2, List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), 0, null, DayOfWeek.MONDAY, null, null));

        assertThat(starts(biweekly, "2026-11-30T00:00:00Z", "2026-12-22T00:00:00Z")).containsExactly(
                Instant.parse("2026-12-02T08:00:00Z"), Instant.parse("2026-12-14T08:00:00Z"), Instant.parse("2026-12-16T08:00:00Z"));
        assertThat(starts(biweekly, "2030-01-01T00:00:00Z", "2030-01-15T00:00:00Z")).hasSizeBetween(1, 4);
        assertThat(RecurrenceExpander.lastSlot(biweekly)).isNull();
    }

    @Test
    void allDaySeriesCoverWholeLocalDays() {
        Appointment allDay = Appointment.builder().itemId(ItemIds.newItemId(ItemIds.mailboxKey("a@b.c"))).uid("u").changeKey("ck")
                .created(Instant.EPOCH).lastModified(Instant.EPOCH).start(Instant.parse("2026-03-27T23:00:00Z"))
                .end(Instant.parse("2026-03-28T23:00:00Z")).allDay(true).timeZone(OSLO)
                .recurrence(new Recurrence(Recurrence.Pattern.DAILY, 1, List.of(), 0, null, null, null, 3)).build();

        List<CalendarInstance> days = RecurrenceExpander.expand(allDay, Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));

        assertThat(days).extracting(CalendarInstance::start).containsExactly(Instant.parse("2026-03-27T23:00:00Z"),
                Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(days.get(1).end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void mailboxEditsChangeTheChangeKeyAndFeedTheSyncLog() {
        Mailbox mailbox = new Mailbox("a@b.c", "A", OSLO, Clock.systemUTC(), null);
        Appointment created = mailbox.create(Appointment.builder().start(Instant.parse("2026-12-01T09:00:00Z"))
                .end(Instant.parse("2026-12-01T10:00:00Z")));
        Appointment updated = mailbox.update(created.itemId(), b -> b.subject("x"));

        assertThat(updated.changeKey()).isNotEqualTo(created.changeKey());
        assertThat(mailbox.changesSince(0, 10).changes()).extracting(Mailbox.SyncChange::type).containsExactly(Mailbox.ChangeType.CREATE);
        assertThat(mailbox.changesSince(1, 10).changes()).extracting(Mailbox.SyncChange::type).containsExactly(Mailbox.ChangeType.UPDATE);
        mailbox.delete(created.itemId());
        assertThat(mailbox.changesSince(0, 10).changes()).isEmpty();
        assertThat(mailbox.changesSince(2, 10).changes()).extracting(Mailbox.SyncChange::type).containsExactly(Mailbox.ChangeType.DELETE);
    }

    @Test
    void aSeriesStartsOnItsFirstOccurrenceLikeExchangeMovesIt() {
        Mailbox mailbox = new Mailbox("a@b.c", "A", OSLO, Clock.systemUTC(), null);
        Appointment created = mailbox.create(Appointment.builder().timeZone(OSLO)
                .start(Instant.parse("2026-12-02T08:00:00Z")).end(Instant.parse("2026-12-02T08:30:00Z"))
                .recurrence(new Recurrence(Recurrence.Pattern.WEEKLY, 1, List.of(DayOfWeek.MONDAY), 0, null, null, null, 2)));

        assertThat(created.start()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(created.end()).isEqualTo(Instant.parse("2026-12-07T08:30:00Z"));
    }

    @Test
    void idsRoundTripAndForeignStringsAreMalformed() {
        String id = ItemIds.newItemId(ItemIds.mailboxKey("a@b.c"));
        String occurrence = ItemIds.occurrenceId(id, Instant.parse("2026-12-01T09:00:00Z"));

        assertThat(ItemIds.parse(id).kind()).isEqualTo(ItemIds.Kind.ITEM);
        assertThat(ItemIds.parse(occurrence).originalStart()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(ItemIds.masterIdOf(ItemIds.parse(occurrence))).isEqualTo(id);
        assertThat(ItemIds.parse("AAMkAGI2TG93AAA=")).isNull();
        assertThat(ItemIds.parse(id.substring(0, id.length() - 4) + "AAAA")).isNull();
    }
}
