package com.calroute.routing.ingest;

import com.calroute.contracts.users.LinkedLogin;
import com.calroute.routing.support.Messages;
import com.calroute.routing.status.StatusEngine;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lookup table's bookkeeping: versions, arrival order across topics, un-enrolment and e-mail lookups. */
class UserTableTest {

    private final TopicNames topics = TopicNames.standard();
    private final MessageParser parser = new MessageParser(TopicJson.mapper(), topics);
    private final UserTable table = new UserTable(new StatusEngine(Clock.systemUTC()), ZoneId.of("Europe/Oslo"), k -> 0);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aCalendarArrivingBeforeItsUserIsUsedOnceTheUserArrives() throws Exception {
        apply(topics.calendar(), "acme/u1", busyCalendar("u1", 1));
        assertThat(table.byKey("acme/u1")).as("no user, no route").isNull();

        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "Kari@Acme.no", 1));

        assertThat(table.byNumber("+4791000001").plan().statusAt(now).state().name()).isEqualTo("BUSY");
        assertThat(table.byLogin("acme", karisLogin())).as("found by the login bound to the enrolment").isNotNull();
        assertThat(table.byLogin("other", karisLogin())).as("only in the user's tenant").isNull();
    }

    @Test
    void olderAndEqualVersionsChangeNothing() throws Exception {
        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 3));
        apply(topics.calendar(), "acme/u1", busyCalendar("u1", 2));

        assertThat(apply(topics.calendar(), "acme/u1", Messages.calendar("acme", "u1", 2))).isEmpty();
        assertThat(apply(topics.calendar(), "acme/u1", Messages.calendar("acme", "u1", 1))).isEmpty();
        assertThat(apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4799999999", "kari@acme.no", 3))).isEmpty();

        assertThat(table.byNumber("+4791000001").plan().statusAt(now).state().name()).isEqualTo("BUSY");
        assertThat(table.byNumber("+4799999999")).isNull();
    }

    @Test
    void aNewNumberMovesTheLookup() throws Exception {
        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1));
        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000002", "kari@acme.no", 2));

        assertThat(table.byNumber("+4791000001")).isNull();
        assertThat(table.byNumber("+4791000002").key()).isEqualTo("acme/u1");
    }

    @Test
    void unEnrolmentDeletesEverythingAndLaterCalendarsAreIgnored() throws Exception {
        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1));
        apply(topics.calendar(), "acme/u1", busyCalendar("u1", 1));

        apply(topics.users(), "acme/u1", null);
        apply(topics.calendar(), "acme/u1", busyCalendar("u1", 2));

        assertThat(table.byNumber("+4791000001")).isNull();
        assertThat(table.byLogin("acme", karisLogin())).isNull();
        assertThat(table.size()).isZero();
    }

    @Test
    void theBoundLoginDecidesAndFollowsReleaseAndRebinding() throws Exception {
        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", null, 1));
        assertThat(table.byNumber("+4791000001")).as("an unbound enrolment still routes").isNotNull();
        assertThat(table.byLogin("acme", karisLogin())).as("but no login is it yet").isNull();

        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", "kari-login", 2));
        LinkedLogin kari = new LinkedLogin(Messages.ISSUER, "kari-login");
        assertThat(table.byLogin("acme", kari).key()).isEqualTo("acme/u1");
        assertThat(table.byLogin("acme", new LinkedLogin("https://other-issuer.invalid", "kari-login")))
                .as("the same subject from another issuer is someone else").isNull();

        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", null, 3));
        assertThat(table.byLogin("acme", kari)).as("released by the admin").isNull();

        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", "new-login", 4));
        assertThat(table.byLogin("acme", kari)).isNull();
        assertThat(table.byLogin("acme", new LinkedLogin(Messages.ISSUER, "new-login")).key()).isEqualTo("acme/u1");
    }

    private static LinkedLogin karisLogin() {
        return new LinkedLogin(Messages.ISSUER, "login-kari@acme.no");
    }

    @Test
    void orphanCalendarsAreDroppedAfterTheGracePeriod() throws Exception {
        apply(topics.calendar(), "acme/ghost", busyCalendar("ghost", 1));

        table.purgeOrphans(System.nanoTime() + Duration.ofMinutes(2).toNanos(), Duration.ofMinutes(1).toNanos());
        apply(topics.users(), "acme/ghost", Messages.user("acme", "ghost", "+4791000009", "g@acme.no", 1));

        assertThat(table.byNumber("+4791000009").plan().statusAt(now).reason().source().name())
                .as("the dropped calendar is gone: nothing known").isEqualTo("UNKNOWN");
    }

    @Test
    void tenantSwitchboardAndZoneReachItsUsers() throws Exception {
        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1));
        apply(topics.calendar(), "acme/u1", Messages.calendar("acme", "u1", 1,
                Messages.item("w", now.minusSeconds(60), now.plusSeconds(60), "WORKING_ELSEWHERE")));
        assertThat(table.byKey("acme/u1").plan().statusAt(now).action().name())
                .as("switchboard unknown: ring").isEqualTo("RING");

        apply(topics.tenants(), "acme", Messages.tenant("acme", "+4722000000", 1));

        assertThat(table.byKey("acme/u1").plan().statusAt(now).target()).isEqualTo("+4722000000");
    }

    @Test
    void theParserRejectsWhatTheContractForbids() {
        assertThatThrownBy(() -> parser.parse(topics.users(), "acme/u1",
                Messages.user("acme", "u2", "+4791000001", "kari@acme.no", 1)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("do not match the key");
        assertThatThrownBy(() -> parser.parse(topics.users(), "acme/u1",
                Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 0)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> parser.parse(topics.users(), "no-slash", "{}"))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("tenantId/userId");
        assertThatThrownBy(() -> parser.parse(topics.tenants(), "acme",
                Messages.tenant("acme", "+4722000000", 1).replace("Europe/Oslo", "Mars/Olympus")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("timeZone");
    }

    @Test
    void zeroLengthItemsAreDroppedNotFatal() throws Exception {
        Update update = parser.parse(topics.calendar(), "acme/u1", Messages.calendar("acme", "u1", 1,
                Messages.item("reminder", now, now, "BUSY"), Messages.item("m", now, now.plusSeconds(60), "BUSY")));

        assertThat(((Update.CalendarChanged) update).calendar().items()).extracting("itemId").containsExactly("m");
    }

    @Test
    void automaticRepliesNotKnownKeepThoseHeldAndOffOrOptOutEndsThem() throws Exception {
        apply(topics.users(), "acme/u1", Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1));
        apply(topics.calendar(), "acme/u1", withReplies(Messages.calendar("acme", "u1", 1), "{\"state\":\"ON\"}"));
        assertThat(stateNow()).isEqualTo("OOF");

        // A restarted sync publishes before it has read the replies again: not known is not "off".
        apply(topics.calendar(), "acme/u1", withReplies(Messages.calendar("acme", "u1", 2), "null"));
        assertThat(stateNow()).isEqualTo("OOF");

        apply(topics.calendar(), "acme/u1", withReplies(Messages.calendar("acme", "u1", 3), "{\"state\":\"OFF\"}"));
        assertThat(stateNow()).isEqualTo("AVAILABLE");

        apply(topics.calendar(), "acme/u1", withReplies(Messages.calendar("acme", "u1", 4), "{\"state\":\"ON\"}"));
        com.fasterxml.jackson.databind.node.ObjectNode optedOut = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(Messages.calendar("acme", "u1", 5));
        optedOut.put("syncEnabled", false).putNull("calendarAsOf");
        apply(topics.calendar(), "acme/u1", optedOut.toString());
        apply(topics.calendar(), "acme/u1", withReplies(Messages.calendar("acme", "u1", 6), "null"));
        assertThat(stateNow()).as("opting out ended what was known").isEqualTo("AVAILABLE");
    }

    @Test
    void workingHoursNotKnownKeepThoseHeldAndOptOutForgetsThem() throws Exception {
        apply(topics.users(), "acme/u1", withOutsideWorkingHours(
                Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1), "{\"action\":\"VOICEMAIL\"}"));
        apply(topics.calendar(), "acme/u1", withWorkingHours(Messages.calendar("acme", "u1", 1), hoursOutsideNow()));
        assertThat(stateNow()).isEqualTo("OUTSIDE_WORKING_HOURS");
        assertThat(table.byNumber("+4791000001").plan().statusAt(now).action().name()).isEqualTo("VOICEMAIL");

        // A restarted sync publishes before it has read the working hours again: keep what was known.
        apply(topics.calendar(), "acme/u1", withWorkingHours(Messages.calendar("acme", "u1", 2), "null"));
        assertThat(stateNow()).isEqualTo("OUTSIDE_WORKING_HOURS");
        // Hours nobody can apply are not known either, never "outside all week".
        apply(topics.calendar(), "acme/u1", withWorkingHours(Messages.calendar("acme", "u1", 3),
                "{\"timeZone\":\"Europe/Oslo\",\"periods\":[]}"));
        assertThat(stateNow()).isEqualTo("OUTSIDE_WORKING_HOURS");
        apply(topics.calendar(), "acme/u1", withWorkingHours(Messages.calendar("acme", "u1", 4),
                "{\"timeZone\":\"Mars/Olympus\",\"periods\":[" + period(0, 1440) + "]}"));
        assertThat(stateNow()).isEqualTo("OUTSIDE_WORKING_HOURS");

        apply(topics.calendar(), "acme/u1", withWorkingHours(Messages.calendar("acme", "u1", 5),
                "{\"timeZone\":\"UTC\",\"periods\":[" + period(0, 1440) + "]}"));
        assertThat(stateNow()).as("new hours replace the held ones").isEqualTo("AVAILABLE");

        apply(topics.calendar(), "acme/u1", withWorkingHours(Messages.calendar("acme", "u1", 6), hoursOutsideNow()));
        com.fasterxml.jackson.databind.node.ObjectNode optedOut = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(Messages.calendar("acme", "u1", 7));
        optedOut.put("syncEnabled", false).putNull("calendarAsOf");
        apply(topics.calendar(), "acme/u1", optedOut.toString());
        apply(topics.calendar(), "acme/u1", withWorkingHours(Messages.calendar("acme", "u1", 8), "null"));
        assertThat(stateNow()).as("opting out forgot the working hours").isEqualTo("AVAILABLE");
    }

    @Test
    void theGoldenSamplesWorkingHoursAndAUsersActionOutsideThemAreRead() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode sample = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(com.calroute.contracts.GoldenSamples.json("calendar-snapshot.json"));
        Update.CalendarChanged calendar = (Update.CalendarChanged) parser.parse(topics.calendar(),
                sample.get("tenantId").asText() + "/" + sample.get("userId").asText(), sample.toString());
        Update.UserChanged forwarding = (Update.UserChanged) parser.parse(topics.users(), "acme/u1",
                withOutsideWorkingHours(Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1),
                        "{\"action\":\"FORWARD\",\"target\":\"+4791000002\"}"));
        com.fasterxml.jackson.databind.node.ObjectNode olderValue = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1));
        olderValue.remove("outsideWorkingHours");
        Update.UserChanged older = (Update.UserChanged) parser.parse(topics.users(), "acme/u1", olderValue.toString());
        Update.UserChanged enrolledSample = (Update.UserChanged) parser.parse(topics.users(), "acme/u1",
                Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1));

        assertThat(calendar.workingHoursKnown()).isTrue();
        com.calroute.routing.status.WorkingWeek week = calendar.calendar().workingWeek();
        assertThat(week.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
        assertThat(week.periods()).extracting(p -> p.days().size() + " " + p.startMinute() + "-" + p.endMinute())
                .containsExactly("4 480-960", "1 480-900");
        assertThat(forwarding.settings().outsideWorkingHours().target()).isEqualTo("+4791000002");
        assertThat(older.settings().outsideWorkingHours().action().name())
                .as("absent, from a producer that predates it: ring").isEqualTo("RING");
        assertThat(enrolledSample.settings().outsideWorkingHours().action().name()).as("the golden sample's")
                .isEqualTo("VOICEMAIL");
    }

    @Test
    void theParserRejectsWorkingHoursAndAnActionOutsideTheContract() throws Exception {
        String user = Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1);
        assertThatThrownBy(() -> parser.parse(topics.users(), "acme/u1",
                withOutsideWorkingHours(user, "{\"action\":\"FORWARD\"}")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("outsideWorkingHours");
        assertThatThrownBy(() -> parser.parse(topics.users(), "acme/u1",
                withOutsideWorkingHours(user, "{\"target\":null}")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("outsideWorkingHours");
        assertThatThrownBy(() -> parser.parse(topics.calendar(), "acme/u1", withWorkingHours(
                Messages.calendar("acme", "u1", 1),
                "{\"timeZone\":\"UTC\",\"periods\":[{\"days\":[\"MONDAY\"],\"endMinute\":960}]}")))
                .as("a missing start is not midnight")
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("startMinute");
        assertThatThrownBy(() -> parser.parse(topics.calendar(), "acme/u1", withWorkingHours(
                Messages.calendar("acme", "u1", 1), "{\"timeZone\":\"UTC\",\"periods\":[" + period(480, 1441) + "]}")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> parser.parse(topics.calendar(), "acme/u1", withWorkingHours(
                Messages.calendar("acme", "u1", 1),
                "{\"timeZone\":\"UTC\",\"periods\":[{\"days\":[],\"startMinute\":480,\"endMinute\":960}]}")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("days");
        assertThatThrownBy(() -> parser.parse(topics.calendar(), "acme/u1", withWorkingHours(
                Messages.calendar("acme", "u1", 1), "{\"periods\":[" + period(480, 960) + "]}")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("timeZone");

        Update.CalendarChanged inverted = (Update.CalendarChanged) parser.parse(topics.calendar(), "acme/u1",
                withWorkingHours(Messages.calendar("acme", "u1", 1),
                        "{\"timeZone\":\"UTC\",\"periods\":[" + period(960, 480) + "," + period(480, 960) + "]}"));
        assertThat(inverted.calendar().workingWeek().periods()).as("a period covering no time is dropped")
                .extracting(p -> p.startMinute()).containsExactly(480);
    }

    @Test
    void callerRulesAreRead_absentMeansNoOne_andAListOutsideTheContractPoisons() throws Exception {
        String sample = Messages.user("acme", "u1", "+4791000001", "kari@acme.no", 1);
        Update.UserChanged enrolled = (Update.UserChanged) parser.parse(topics.users(), "acme/u1", sample);
        assertThat(enrolled.callerRules().priorityCallers()).as("the golden sample's")
                .containsExactlyInAnyOrder("+4741234567", "+4622334455");
        assertThat(enrolled.callerRules().colleaguesRingThrough()).isTrue();

        com.fasterxml.jackson.databind.node.ObjectNode older = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(sample);
        older.remove("priorityCallers");
        older.remove("colleaguesRingThrough");
        assertThat(((Update.UserChanged) parser.parse(topics.users(), "acme/u1", older.toString())).callerRules())
                .as("from a producer that predates them").isEqualTo(com.calroute.routing.status.CallerRules.NONE);

        apply(topics.users(), "acme/u1", sample);
        assertThat(table.byNumber("+4791000001").callerRules()).isEqualTo(enrolled.callerRules());

        assertThatThrownBy(() -> parser.parse(topics.users(), "acme/u1", withPriorityCallers(sample, "[\"91234567\"]")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("priorityCallers[0]");
        assertThatThrownBy(() -> parser.parse(topics.users(), "acme/u1",
                withPriorityCallers(sample, "[\"+4741234567\",\"+4741234567\"]")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("twice");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= com.calroute.contracts.users.UserMessage.MAX_PRIORITY_CALLERS; i++) {
            tooMany.append(i == 0 ? "" : ",").append("\"+47412345").append(String.format("%02d", i)).append('"');
        }
        assertThatThrownBy(() -> parser.parse(topics.users(), "acme/u1", withPriorityCallers(sample, tooMany + "]")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("more than 20");
    }

    private static String withPriorityCallers(String user, String numbers) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(user);
        node.set("priorityCallers", TopicJson.mapper().readTree(numbers));
        return node.toString();
    }

    /** Working hours in UTC, every day, on the half of the day that does not hold {@link #now}. */
    private String hoursOutsideNow() {
        int minuteOfDay = now.atZone(ZoneId.of("UTC")).getHour() * 60 + now.atZone(ZoneId.of("UTC")).getMinute();
        return "{\"timeZone\":\"UTC\",\"periods\":[" + (minuteOfDay < 720 ? period(720, 1440) : period(0, 720)) + "]}";
    }

    private static String period(int startMinute, int endMinute) {
        return "{\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],"
                + "\"startMinute\":" + startMinute + ",\"endMinute\":" + endMinute + "}";
    }

    private static String withWorkingHours(String calendar, String workingHours) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(calendar);
        node.set("workingHours", TopicJson.mapper().readTree(workingHours));
        return node.toString();
    }

    private static String withOutsideWorkingHours(String user, String action) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(user);
        node.set("outsideWorkingHours", TopicJson.mapper().readTree(action));
        return node.toString();
    }

    private String stateNow() {
        return table.byNumber("+4791000001").plan().statusAt(now).state().name();
    }

    private static String withReplies(String calendar, String replies) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                TopicJson.mapper().readTree(calendar);
        node.set("automaticReplies", TopicJson.mapper().readTree(replies));
        return node.toString();
    }

    private java.util.Set<String> apply(String topic, String key, String value) throws PoisonMessageException {
        return table.apply(parser.parse(topic, key, value));
    }

    private String busyCalendar(String userId, long version) {
        return Messages.calendar("acme", userId, version, Messages.item("m1", now.minusSeconds(60), now.plusSeconds(3600), "BUSY"));
    }
}
