package com.calroute.sync.plan;

import com.calroute.sync.plan.PublishDecision.LastPublished;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a mailbox's first read starts after it arrives (#14, the restart): one taken over with a calendar on the topic
 * is read at once, and again once its subscription is in place; every other newcomer waits for its feed as before.
 * The decision and the schedule it feeds, on a clock the test moves.
 */
class FirstReadsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T06:00:00Z");
    private static final Duration FALLBACK = Duration.ofSeconds(10);
    private static final RetryPolicy RETRIES =
            new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), () -> 0.0), Duration.ofMinutes(2));
    private static final LastPublished CALENDAR = new LastPublished(7, "fingerprint", T0.minusSeconds(600));
    private static final LastPublished TOMBSTONE = new LastPublished(3, null);

    private final FirstReads firstReads = new FirstReads(FALLBACK);
    private final MailboxSchedule schedule = new MailboxSchedule(RETRIES);
    private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void aMailboxTakenOverWithACalendarOnTheTopicIsReadAtOnceWithoutWaitingForItsFeed() {
        arrive("t/known", true, true, CALENDAR);

        MailboxSchedule.Read read = schedule.take(ReadUrgency.NORMAL, clock.instant());
        assertThat(read).as("read at the moment of the hand-over").isNotNull();
        assertThat(read.key()).isEqualTo("t/known");
        assertThat(read.startedAt()).isEqualTo(T0);
    }

    @Test
    void aMailboxTakenOverWithoutACalendarWaitsForItsFeedAsBefore() {
        arrive("t/new", true, true, null);
        arrive("t/unenrolled-before", true, true, TOMBSTONE);
        assertThat(schedule.take(ReadUrgency.NORMAL, clock.instant())).isNull();

        advance(Duration.ofSeconds(2));
        schedule.subscribed(List.of("t/new"), clock.instant());
        assertThat(schedule.take(ReadUrgency.NORMAL, clock.instant()).key()).isEqualTo("t/new");
        assertThat(schedule.take(ReadUrgency.NORMAL, clock.instant())).as("its feed has not reported it yet").isNull();

        advance(FALLBACK.minusSeconds(2));
        assertThat(schedule.take(ReadUrgency.NORMAL, clock.instant()).key()).isEqualTo("t/unenrolled-before");
    }

    @Test
    void aLiveOptInWaitsForItsFeedEvenWhenTheTopicHoldsACalendar() {
        // Opted out earlier (the topic holds the empty calendar), opted in again now: one read, after the feed.
        arrive("t/back", true, false, CALENDAR);

        assertThat(schedule.take(ReadUrgency.NORMAL, clock.instant())).isNull();
        assertThat(schedule.nextDue()).isEqualTo(T0.plus(FALLBACK));
    }

    @Test
    void withoutAFeedEveryNewcomerIsReadAtOnce() {
        arrive("t/polled", false, false, null);
        arrive("t/polled-known", false, true, CALENDAR);

        assertThat(schedule.take(ReadUrgency.NORMAL, clock.instant())).isNotNull();
        assertThat(schedule.take(ReadUrgency.NORMAL, clock.instant())).isNotNull();
    }

    @Test
    void aChangeMadeBetweenTheEarlyReadAndTheSubscriptionIsReadOnceTheSubscriptionIsInPlace() {
        arrive("t/known", true, true, CALENDAR);
        MailboxSchedule.Read early = schedule.take(ReadUrgency.NORMAL, clock.instant());
        advance(Duration.ofMillis(300));
        schedule.succeeded(early, clock.instant());

        // A change at T0 + 1 s is not in the early read, and no subscription existed to notify it. The feed reports
        // the mailbox followed as of T0 + 3 s: the early read started before that, so it is read again.
        advance(Duration.ofMillis(2_700));
        schedule.subscribed(List.of("t/known"), clock.instant());
        MailboxSchedule.Read again = schedule.take(ReadUrgency.NORMAL, clock.instant());
        assertThat(again).isNotNull();
        assertThat(again.key()).isEqualTo("t/known");
        schedule.succeeded(again, clock.instant());

        // A read that started once the subscription was in place is not repeated for it.
        schedule.subscribed(List.of("t/known"), clock.instant().minusMillis(1));
        assertThat(schedule.take(ReadUrgency.NORMAL, clock.instant())).isNull();
    }

    @Test
    void liveChangesStillGoBeforeAHandOversEarlyReads() {
        FairScheduler fair = new FairScheduler(RETRIES, 8, 2);
        MailboxSchedule bulk = fair.tenant("b");
        for (int i = 0; i < 20_000; i++) {
            bulk.add("b/u" + i, T0, firstReads.delay(true, true, CALENDAR));
        }
        MailboxSchedule quiet = fair.tenant("a");
        quiet.add("a/kari", T0, Duration.ZERO);
        quiet.succeeded(quiet.take(ReadUrgency.NORMAL, T0), T0);
        quiet.request("a/kari", ReadUrgency.CHANGE, T0);

        FairScheduler.Assignment first = fair.next(clock.instant(), (tenant, now) -> 20);
        assertThat(first.read().key()).isEqualTo("a/kari");
        assertThat(first.read().urgency()).isEqualTo(ReadUrgency.CHANGE);
        assertThat(fair.next(clock.instant(), (tenant, now) -> 20).read().urgency()).isEqualTo(ReadUrgency.NORMAL);
    }

    private void arrive(String key, boolean feedFollows, boolean handedOver, LastPublished onTopic) {
        schedule.add(key, clock.instant(), firstReads.delay(feedFollows, handedOver, onTopic));
    }

    private void advance(Duration duration) {
        clock = Clock.offset(clock, duration);
    }
}
