package com.calroute.routing.ingest;

import com.calroute.routing.status.StatusEngine;
import com.calroute.routing.status.StatusInterval;
import com.calroute.routing.support.Messages;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up replay marks changed users and compiles each once when it ends ({@link UserTable#deferCompilation}):
 * the table it leaves is the one compiling every change at once would have left.
 */
class ReplayCompilationTest {

    private final TopicNames topics = TopicNames.standard();
    private final MessageParser parser = new MessageParser(TopicJson.mapper(), topics);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** A replay's mix: calendars before and after their users, a tenant, a new number, an un-enrolment, a shared number. */
    private List<String[]> records() {
        List<String[]> records = new ArrayList<>();
        records.add(new String[] {topics.calendar(), "acme/u1", busy("u1", 1, 60)});
        records.add(new String[] {topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1)});
        records.add(new String[] {topics.users(), "acme/u2", Messages.user("acme", "u2", "+4791000002", "ola@acme.no", 1)});
        records.add(new String[] {topics.calendar(), "acme/u2", busy("u2", 1, 120)});
        records.add(new String[] {topics.tenants(), "acme", Messages.tenant("acme", "+4722000000", 1)});
        records.add(new String[] {topics.users(), "acme/u2", Messages.user("acme", "u2", "+4791000022", "ola@acme.no", 2)});
        records.add(new String[] {topics.users(), "acme/u3", Messages.user("acme", "u3", "+4791000003", "per@acme.no", 1)});
        records.add(new String[] {topics.calendar(), "acme/u3", busy("u3", 1, 30)});
        records.add(new String[] {topics.users(), "acme/u3", null});
        // Two users claiming one number (config forbids it; the table must still end as compiling at once would):
        // the one changed last holds the number.
        records.add(new String[] {topics.users(), "acme/u4", Messages.user("acme", "u4", "+4791000004", "a@acme.no", 1)});
        records.add(new String[] {topics.users(), "acme/u5", Messages.user("acme", "u5", "+4791000004", "b@acme.no", 1)});
        records.add(new String[] {topics.calendar(), "acme/u4", busy("u4", 1, 90)});
        for (int i = 0; i < 50; i++) {
            String id = "v" + i;
            records.add(new String[] {topics.users(), "acme/" + id,
                    Messages.user("acme", id, String.format("+47920%05d", i), id + "@acme.no", 1)});
            records.add(new String[] {topics.calendar(), "acme/" + id, busy(id, 1, 10 + i)});
        }
        return records;
    }

    @Test
    void theTableTheReplayLeavesIsTheOneCompilingEachChangeWouldHaveLeft() throws Exception {
        UserTable live = table();
        UserTable replayed = table();
        replayed.deferCompilation();
        for (String[] record : records()) {
            live.apply(parse(record));
            replayed.apply(parse(record));
        }

        assertThat(replayed.size()).as("nothing compiled before the replay ends").isZero();
        Set<String> compiled = replayed.compileDeferred();

        assertThat(replayed.size()).isEqualTo(live.size()).isEqualTo(54);
        assertThat(compiled).hasSize(54).doesNotContain("acme/u3");
        for (UserRoute expected : live.routes()) {
            UserRoute actual = replayed.byKey(expected.key());
            assertThat(actual.number()).isEqualTo(expected.number());
            assertThat(actual.partition()).isEqualTo(expected.partition());
            assertThat(timeline(actual)).as(expected.key()).isEqualTo(timeline(expected));
        }
        for (String number : List.of("+4791000001", "+4791000002", "+4791000022", "+4791000003", "+4791000004")) {
            UserRoute expected = live.byNumber(number);
            UserRoute actual = replayed.byNumber(number);
            assertThat(actual == null ? null : actual.key()).as(number).isEqualTo(expected == null ? null : expected.key());
        }
        assertThat(replayed.byNumber("+4791000004").key()).as("u4's calendar was the last change").isEqualTo("acme/u4");
        assertThat(replayed.byNumber("+4791000002")).as("the old number let go").isNull();
    }

    @Test
    void duringTheReplayOnlyRemovalsAreReportedAndAfterItEachChangeCompilesAtOnce() throws Exception {
        UserTable table = table();
        table.deferCompilation();

        assertThat(table.apply(parse(new String[] {topics.users(), "acme/u1",
                Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1)}))).isEmpty();
        assertThat(table.apply(parse(new String[] {topics.users(), "acme/u9",
                Messages.user("acme", "u9", "+4791000009", "nina@acme.no", 1)}))).isEmpty();
        assertThat(table.apply(parse(new String[] {topics.users(), "acme/u9", null}))).containsExactly("acme/u9");
        assertThat(table.compileDeferred()).containsExactly("acme/u1");

        assertThat(table.apply(parse(new String[] {topics.calendar(), "acme/u1", busy("u1", 1, 60)})))
                .containsExactly("acme/u1");
        assertThat(table.byNumber("+4791000001").plan().statusAt(now).state().name()).isEqualTo("BUSY");
        assertThat(table.compileDeferred()).as("once live, nothing waits").isEmpty();
    }

    @Test
    void theRouteKeepsTheKeyStringTheUserFirstCameWith() throws Exception {
        UserTable table = table();
        table.deferCompilation();
        String usersKey = new String("acme/u1");
        String calendarKey = new String("acme/u1");
        table.apply(parser.parse(topics.users(), usersKey, Messages.user("acme", "u1", "+4791000001", "k@acme.no", 1)));
        table.apply(parser.parse(topics.calendar(), calendarKey, busy("u1", 1, 60)));

        Set<String> compiled = table.compileDeferred();

        assertThat(table.byKey("acme/u1").key()).isSameAs(usersKey);
        assertThat(compiled.iterator().next()).isSameAs(usersKey);
    }

    private UserTable table() {
        return new UserTable(new StatusEngine(Clock.systemUTC()), ZoneId.of("Europe/Oslo"), key -> Math.abs(key.hashCode() % 10));
    }

    private Update parse(String[] record) throws PoisonMessageException {
        return parser.parse(record[0], record[1], record[2]);
    }

    private List<StatusInterval> timeline(UserRoute route) {
        return route.plan().timeline(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(7)));
    }

    private String busy(String userId, long version, int minutes) {
        return Messages.calendar("acme", userId, version,
                Messages.item("m-" + userId, now.minusSeconds(60), now.plusSeconds(60L * minutes), "BUSY"));
    }
}
