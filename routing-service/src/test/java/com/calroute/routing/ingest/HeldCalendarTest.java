package com.calroute.routing.ingest;

import com.calroute.routing.status.Appointment;
import com.calroute.routing.status.AwayReplies;
import com.calroute.routing.status.CalendarSnapshot;
import com.calroute.routing.status.FreeBusy;
import com.calroute.routing.status.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The table's compact calendar gives back exactly the calendar it was given: items, their order, everything. */
class HeldCalendarTest {

    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    @Property(tries = 2000)
    void aHeldCalendarIsTheCalendarItWasGiven(@ForAll("calendars") CalendarSnapshot calendar) {
        HeldCalendar held = new HeldCalendar(7, calendar);

        assertThat(held.snapshot()).isEqualTo(calendar);
        assertThat(held.version()).isEqualTo(7);
        assertThat(held.syncEnabled()).isEqualTo(calendar.syncEnabled());
    }

    @Provide
    Arbitrary<CalendarSnapshot> calendars() {
        Arbitrary<Instant> windowStart = Arbitraries.longs().between(-86_400, 0)
                .flatMap(offset -> Arbitraries.of(0, 1, 999_999_999)
                        .map(nanos -> NOW.plusSeconds(offset).plusNanos(nanos)));
        return Combinators.combine(windowStart, Arbitraries.of(true, false), items().list().ofMaxSize(12),
                        Arbitraries.of(true, false))
                .as((start, syncEnabled, items, away) -> new CalendarSnapshot(start, start.plusSeconds(15 * 86_400),
                        syncEnabled, items, away ? new AwayReplies(NOW, NOW.plusSeconds(3600)) : null));
    }

    /** Plain timed items mostly, and every way an item can be more than plain. */
    private Arbitrary<Appointment> items() {
        Arbitrary<Appointment> timed = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.longs().between(-86_400, 30 * 86_400), Arbitraries.longs().between(1, 86_400),
                        Arbitraries.of(FreeBusy.class), Arbitraries.of(true, false),
                        Arbitraries.of(Response.class).injectNull(0.3))
                .as((id, startOffset, length, busy, cancelled, response) -> new Appointment(id,
                        NOW.plusSeconds(startOffset), NOW.plusSeconds(startOffset + length), false, null, null, null,
                        busy, cancelled, null, response));
        return Arbitraries.oneOf(timed, timed, timed,
                timed.map(item -> item.withBusyType(FreeBusy.BUSY).labelled("MØT", ":", null)),
                timed.map(item -> item.labelled(null, null, "Kunde")),
                timed.map(item -> new Appointment(item.itemId(), item.start().plusNanos(500), item.end(), false, null,
                        null, null, item.busyType(), item.cancelled(), null, item.response())),
                timed.map(item -> new Appointment(item.itemId(), item.start(), item.end(), false, null, null, null,
                        item.busyType(), item.cancelled(), "Styremøte", item.response())),
                timed.map(item -> Appointment.allDay(item.itemId(), LocalDate.of(2026, 12, 24),
                        LocalDate.of(2026, 12, 27), ZoneId.of("Europe/Oslo"), item.busyType())),
                timed.map(item -> new Appointment(item.itemId(), item.start(), item.end(), true, null, null, null,
                        item.busyType(), false, null, null)));
    }

    @Property(tries = 200)
    void aPlainItemKeepsNoObjectOfItsOwn(@ForAll("plainCalendars") CalendarSnapshot calendar) {
        assertThat(new HeldCalendar(1, calendar).snapshot().items()).isEqualTo(calendar.items())
                .allSatisfy(item -> assertThat(item).isNotSameAs(calendar.items().get(0)));
    }

    @Provide
    Arbitrary<CalendarSnapshot> plainCalendars() {
        return items().filter(item -> !item.allDay() && item.subject() == null && item.category() == null
                        && item.subjectCode() == null && item.start().getNano() == 0)
                .list().ofMinSize(1).ofMaxSize(5)
                .map(items -> new CalendarSnapshot(NOW, NOW.plusSeconds(86_400), true, List.copyOf(items)));
    }
}
