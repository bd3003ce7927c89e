package com.calroute.routing.ingest;

import com.calroute.contracts.users.LinkedLogin;
import com.calroute.routing.RoutingNode;
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
    private final MessageParser parser = new MessageParser(RoutingNode.mapper(), topics);
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

    private java.util.Set<String> apply(String topic, String key, String value) throws PoisonMessageException {
        return table.apply(parser.parse(topic, key, value));
    }

    private String busyCalendar(String userId, long version) {
        return Messages.calendar("acme", userId, version, Messages.item("m1", now.minusSeconds(60), now.plusSeconds(3600), "BUSY"));
    }
}
