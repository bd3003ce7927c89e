package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxScheduleTest {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    private static final Duration FEED_WAIT = Duration.ofSeconds(10);

    private final MailboxSchedule schedule = new MailboxSchedule(
            new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), () -> 0.0), Duration.ofMinutes(2)));

    @Test
    void aNewMailboxWaitsForItsFeedThenIsReadOnceSubscribed() {
        schedule.add("t/u1", T0, FEED_WAIT);
        assertThat(schedule.hasQueued(ReadUrgency.NORMAL, T0.plusSeconds(1))).isFalse();
        assertThat(schedule.nextDue()).isEqualTo(T0.plus(FEED_WAIT));

        schedule.subscribed(List.of("t/u1"), T0.plusSeconds(2));
        MailboxSchedule.Read read = schedule.take(ReadUrgency.NORMAL, T0.plusSeconds(2));
        assertThat(read.key()).isEqualTo("t/u1");
        schedule.succeeded(read, T0.plusSeconds(3));

        // The fallback time passes: the mailbox was read already, so nothing more happens.
        assertThat(schedule.hasQueued(ReadUrgency.NORMAL, T0.plus(FEED_WAIT).plusSeconds(1))).isFalse();
    }

    @Test
    void aNewMailboxIsReadAnywayWhenItsFeedTakesTooLong() {
        schedule.add("t/u1", T0, FEED_WAIT);
        assertThat(schedule.take(ReadUrgency.NORMAL, T0.plus(FEED_WAIT).minusMillis(1))).isNull();
        assertThat(schedule.take(ReadUrgency.NORMAL, T0.plus(FEED_WAIT)).key()).isEqualTo("t/u1");
    }

    @Test
    void aChangeDuringARunningReadIsReadRightAfterItAsAChange() {
        schedule.add("t/u1", T0, Duration.ZERO);
        MailboxSchedule.Read first = schedule.take(ReadUrgency.NORMAL, T0);
        schedule.request("t/u1", ReadUrgency.CHANGE, T0.plusMillis(10));
        // Never two reads of one mailbox at once.
        assertThat(schedule.hasQueued(ReadUrgency.CHANGE, T0.plusMillis(20))).isFalse();

        schedule.succeeded(first, T0.plusMillis(50));
        MailboxSchedule.Read again = schedule.take(ReadUrgency.CHANGE, T0.plusMillis(60));
        assertThat(again.key()).isEqualTo("t/u1");
        assertThat(again.changeNotedAt()).isEqualTo(T0.plusMillis(10));
    }

    @Test
    void aQueuedReadMovesUpWhenAChangeArrivesAndIsReadOnce() {
        schedule.add("t/u1", T0, Duration.ZERO);
        schedule.request("t/u1", ReadUrgency.CHANGE, T0);
        assertThat(schedule.take(ReadUrgency.CHANGE, T0).key()).isEqualTo("t/u1");
        assertThat(schedule.take(ReadUrgency.NORMAL, T0)).isNull();
    }

    @Test
    void aTransientFaultBacksOffAndARoutineRequestDoesNotCutTheWaitShort() {
        schedule.add("t/u1", T0, Duration.ZERO);
        MailboxSchedule.Read read = schedule.take(ReadUrgency.NORMAL, T0);
        schedule.failed(read, FailureKind.UNAVAILABLE, T0);
        // Equal jitter with random 0: half of the 1 s step.
        assertThat(schedule.nextDue()).isEqualTo(T0.plusMillis(500));
        schedule.request("t/u1", ReadUrgency.ROUTINE, null);
        assertThat(schedule.hasQueued(ReadUrgency.ROUTINE, T0.plusMillis(100))).isFalse();
        assertThat(schedule.take(ReadUrgency.NORMAL, T0.plusMillis(500)).key()).isEqualTo("t/u1");
    }

    @Test
    void aChangeCutsARetryWaitShort() {
        schedule.add("t/u1", T0, Duration.ZERO);
        schedule.failed(schedule.take(ReadUrgency.NORMAL, T0), FailureKind.AUTH, T0);
        assertThat(schedule.nextDue()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
        schedule.request("t/u1", ReadUrgency.CHANGE, T0.plusSeconds(1));
        assertThat(schedule.take(ReadUrgency.CHANGE, T0.plusSeconds(1)).key()).isEqualTo("t/u1");
    }

    @Test
    void serverBusyRequeuesTheReadAtItsOwnUrgencyForTheTenantPauseToHoldBack() {
        schedule.add("t/u1", T0, Duration.ZERO);
        schedule.succeeded(schedule.take(ReadUrgency.NORMAL, T0), T0);
        schedule.request("t/u1", ReadUrgency.CHANGE, T0.plusSeconds(1));
        MailboxSchedule.Read change = schedule.take(ReadUrgency.CHANGE, T0.plusSeconds(1));
        schedule.failed(change, FailureKind.SERVER_BUSY, T0.plusSeconds(1));
        MailboxSchedule.Read retried = schedule.take(ReadUrgency.CHANGE, T0.plusSeconds(1));
        assertThat(retried.key()).isEqualTo("t/u1");
    }

    @Test
    void theEndOfAnOutageRetriesEveryMailboxWaitingOutATransientFaultAtOnce() {
        for (int i = 1; i <= 5; i++) {
            schedule.add("t/u" + i, T0, Duration.ZERO);
        }
        schedule.add("t/broken", T0, Duration.ZERO);
        for (int i = 1; i <= 5; i++) {
            schedule.failed(schedule.take(ReadUrgency.NORMAL, T0), FailureKind.UNAVAILABLE, T0);
        }
        MailboxSchedule.Read broken = schedule.take(ReadUrgency.NORMAL, T0);
        schedule.failed(broken, FailureKind.MAILBOX, T0);
        // Each waits its own back-off; one more mailbox is asked for and its read succeeds: Exchange is back.
        schedule.add("t/new", T0, Duration.ZERO);
        boolean outageEnded = schedule.succeeded(schedule.take(ReadUrgency.NORMAL, T0.plusMillis(100)), T0.plusMillis(100));

        assertThat(outageEnded).isTrue();
        int retried = 0;
        MailboxSchedule.Read read;
        while ((read = schedule.take(ReadUrgency.NORMAL, T0.plusMillis(100))) != null) {
            assertThat(read.key()).isNotEqualTo("t/broken");
            retried++;
        }
        // The mailbox that failed for its own reason (not transient) keeps its wait.
        assertThat(retried).isEqualTo(5);
    }

    @Test
    void oneMailboxFailingAmongGoodOnesIsNoOutage() {
        schedule.add("t/bad", T0, Duration.ZERO);
        schedule.add("t/good", T0, Duration.ZERO);
        schedule.failed(schedule.take(ReadUrgency.NORMAL, T0), FailureKind.MALFORMED_RESPONSE, T0);
        assertThat(schedule.succeeded(schedule.take(ReadUrgency.NORMAL, T0), T0)).isFalse();
        assertThat(schedule.take(ReadUrgency.NORMAL, T0)).isNull();
    }

    @Test
    void aRemovedMailboxIsNeverHandedOutAndItsReadInFlightChangesNothing() {
        schedule.add("t/u1", T0, Duration.ZERO);
        schedule.add("t/u2", T0, Duration.ZERO);
        MailboxSchedule.Read inFlight = schedule.take(ReadUrgency.NORMAL, T0);
        schedule.remove("t/u1");
        schedule.remove("t/u2");
        schedule.add("t/u1", T0, Duration.ofSeconds(10));
        schedule.succeeded(inFlight, T0);
        assertThat(schedule.take(ReadUrgency.NORMAL, T0)).isNull();
        assertThat(schedule.take(ReadUrgency.CHANGE, T0)).isNull();
        assertThat(schedule.size()).isEqualTo(1);
    }

    @Test
    void aReadOfARemovedMailboxEndingLateDoesNotEndTheReadOfItsReturn() {
        schedule.add("t/u1", T0, Duration.ZERO);
        var beforeOptOut = schedule.take(ReadUrgency.NORMAL, T0);
        schedule.remove("t/u1");
        schedule.add("t/u1", T0.plusMillis(10), Duration.ZERO);
        var afterOptIn = schedule.take(ReadUrgency.NORMAL, T0.plusMillis(10));

        schedule.succeeded(beforeOptOut, T0.plusMillis(20));
        schedule.request("t/u1", ReadUrgency.CHANGE, T0.plusMillis(30));

        // The read after the opt-in still runs: the change waits for it, never a second read beside it.
        assertThat(schedule.hasQueued(ReadUrgency.CHANGE, T0.plusMillis(30))).isFalse();
        schedule.succeeded(afterOptIn, T0.plusMillis(40));
        assertThat(schedule.take(ReadUrgency.CHANGE, T0.plusMillis(40)).changeNotedAt()).isEqualTo(T0.plusMillis(30));
    }

    @Test
    void anAddressChangeReadsTheMailboxAsNew() {
        schedule.add("t/u1", T0, Duration.ZERO);
        schedule.succeeded(schedule.take(ReadUrgency.NORMAL, T0), T0);
        schedule.readAsNew("t/u1", T0.plusSeconds(5), FEED_WAIT);
        assertThat(schedule.take(ReadUrgency.NORMAL, T0.plusSeconds(6))).isNull();
        schedule.subscribed(List.of("t/u1"), T0.plusSeconds(7));
        assertThat(schedule.take(ReadUrgency.NORMAL, T0.plusSeconds(7)).key()).isEqualTo("t/u1");
    }
}
