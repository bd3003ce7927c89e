package com.calroute.routing.api;

import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.StatusState;
import com.calroute.routing.ingest.MessageParser;
import com.calroute.routing.ingest.PoisonMessageException;
import com.calroute.routing.ingest.TopicJson;
import com.calroute.routing.ingest.TopicNames;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.ingest.UserTable;
import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.support.Messages;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The switchboard view over the table's per-tenant index: busy first, soonest change next, one tenant only. */
class SwitchboardTest {

    private final TopicNames topics = TopicNames.standard();
    private final MessageParser parser = new MessageParser(TopicJson.mapper(), topics);
    private final UserTable table = new UserTable(new StatusEngine(Clock.systemUTC()), ZoneId.of("Europe/Oslo"), k -> 0);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void busyNowFirstThenSoonestChangeAndOnlyTheTenantsUsers() throws Exception {
        user("acme", "u3", "+4791000003");
        user("acme", "u2", "+4791000002");
        calendar("acme", "u2", 1, now.plusSeconds(600), now.plusSeconds(1200));
        user("acme", "u1", "+4791000001");
        calendar("acme", "u1", 1, now.minusSeconds(60), now.plusSeconds(3600));
        user("globex", "u9", "+4792000009");
        calendar("globex", "u9", 1, now.minusSeconds(60), now.plusSeconds(60));

        Switchboard.Page page = Switchboard.page("acme", table.routesOf("acme"), now, null, 0, 50);

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(Switchboard.Row::userId).containsExactly("u1", "u2", "u3");
        Switchboard.Row busy = page.items().get(0);
        assertThat(busy.state()).isEqualTo(StatusState.BUSY);
        assertThat(busy.action()).isEqualTo(CallAction.VOICEMAIL);
        assertThat(busy.number()).isEqualTo("+4791000001");
        assertThat(busy.until()).isEqualTo(now.plusSeconds(3600));
        assertThat(busy.nextChange().at()).isEqualTo(now.plusSeconds(3600));
        assertThat(busy.nextChange().state()).isEqualTo(StatusState.AVAILABLE);
        Switchboard.Row soon = page.items().get(1);
        assertThat(soon.state()).isEqualTo(StatusState.AVAILABLE);
        assertThat(soon.action()).isEqualTo(CallAction.RING);
        assertThat(soon.nextChange().at()).isEqualTo(now.plusSeconds(600));
        assertThat(soon.nextChange().state()).isEqualTo(StatusState.BUSY);
        assertThat(soon.nextChange().action()).isEqualTo(CallAction.VOICEMAIL);
        assertThat(page.items().get(2).nextChange()).as("no calendar: nothing ever changes").isNull();
        // The subject shows exactly where the user's own status shows it.
        assertThat(busy.subject()).isEqualTo(table.byKey("acme/u1").plan().statusAt(now).reason().subject());
    }

    @Test
    void aUserOutsideTheirWorkingHoursIsListedAfterTheBusyWithTheStartOfWorkAsTheNextChange() throws Exception {
        user("acme", "kari", "+4791000001");
        user("acme", "per", "+4791000003");
        calendar("acme", "per", 1, now.minusSeconds(60), now.plusSeconds(7200));
        apply(topics.users(), "acme/ola", Messages.userOutsideWorkingHours("acme", "ola", "+4791000002", "ola@acme.no",
                "VOICEMAIL", 1));
        // Ola works one hour a day in UTC, starting in 10 minutes (or the minute the clock shows then).
        int startMinute = minuteOfDay(now.plusSeconds(600));
        int endMinute = Math.min(1440, startMinute + 60);
        apply(topics.calendar(), "acme/ola", Messages.calendarWithWorkingHours("acme", "ola", 1, "UTC", startMinute,
                endMinute));
        calendar("acme", "kari", 1, now.plusSeconds(3600), now.plusSeconds(7200));

        Switchboard.Page page = Switchboard.page("acme", table.routesOf("acme"), now, null, 0, 50);

        assertThat(page.items()).as("busy, outside working hours, available — though Ola's change comes first")
                .extracting(Switchboard.Row::userId).containsExactly("per", "ola", "kari");
        Switchboard.Row ola = page.items().get(1);
        assertThat(ola.state()).isEqualTo(StatusState.OUTSIDE_WORKING_HOURS);
        assertThat(ola.action()).isEqualTo(CallAction.VOICEMAIL);
        assertThat(ola.busyType()).isNull();
        Instant startOfWork = now.plusSeconds(600).truncatedTo(ChronoUnit.MINUTES);
        assertThat(ola.until()).isEqualTo(startOfWork);
        assertThat(ola.nextChange().at()).isEqualTo(startOfWork);
        assertThat(ola.nextChange().state()).isEqualTo(StatusState.AVAILABLE);
        assertThat(ola.nextChange().action()).isEqualTo(CallAction.RING);
    }

    private static int minuteOfDay(Instant t) {
        java.time.LocalTime time = t.atZone(ZoneId.of("UTC")).toLocalTime();
        return time.getHour() * 60 + time.getMinute();
    }

    @Test
    void searchesByNumberOrUserIdAndPages() throws Exception {
        user("acme", "kari", "+4791000001");
        user("acme", "ola", "+4791000002");
        user("acme", "per", "+4791000003");

        assertThat(Switchboard.page("acme", table.routesOf("acme"), now, "910 00 002", 0, 50).items())
                .extracting(Switchboard.Row::userId).containsExactly("ola");
        assertThat(Switchboard.page("acme", table.routesOf("acme"), now, "KAR", 0, 50).items())
                .extracting(Switchboard.Row::userId).containsExactly("kari");
        Switchboard.Page second = Switchboard.page("acme", table.routesOf("acme"), now, null, 1, 2);
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.items()).extracting(Switchboard.Row::userId).containsExactly("per");
        assertThat(Switchboard.page("acme", table.routesOf("acme"), now, null, 5, 2).items()).isEmpty();
    }

    @Test
    void theTenantIndexFollowsUsersCalendarsAndTombstones() throws Exception {
        user("acme", "u1", "+4791000001");
        user("acme", "u2", "+4791000002");
        assertThat(table.routesOf("acme")).extracting(UserRoute::userId).containsExactlyInAnyOrder("u1", "u2");

        // A new version of a user (new number) replaces its route in the index; nothing is listed twice.
        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000011", "u1@acme.no", 2));
        assertThat(table.routesOf("acme")).extracting(UserRoute::number)
                .containsExactlyInAnyOrder("+4791000011", "+4791000002");

        // A calendar changes the route the index answers.
        calendar("acme", "u2", 1, now.minusSeconds(60), now.plusSeconds(600));
        assertThat(table.routesOf("acme")).filteredOn(r -> r.userId().equals("u2")).singleElement()
                .satisfies(r -> assertThat(r.plan().statusAt(now).state().name()).isEqualTo("BUSY"));

        // A tombstone removes the user from the index; a later calendar for them does not bring them back.
        apply(topics.users(), "acme/u1", null);
        calendar("acme", "u1", 2, now.minusSeconds(60), now.plusSeconds(600));
        assertThat(table.routesOf("acme")).extracting(UserRoute::userId).containsExactly("u2");
        apply(topics.users(), "acme/u2", null);
        assertThat(table.routesOf("acme")).isEmpty();
        assertThat(table.routesOf("nobody")).isEmpty();
    }

    private void user(String tenant, String userId, String number) throws PoisonMessageException {
        apply(topics.users(), tenant + "/" + userId, Messages.user(tenant, userId, number, userId + "@" + tenant + ".no", 1));
    }

    private void calendar(String tenant, String userId, long version, Instant start, Instant end)
            throws PoisonMessageException {
        apply(topics.calendar(), tenant + "/" + userId, Messages.calendar(tenant, userId, version,
                Messages.item("m-" + userId, start, end, "BUSY")));
    }

    private void apply(String topic, String key, String value) throws PoisonMessageException {
        table.apply(parser.parse(topic, key, value));
    }
}
