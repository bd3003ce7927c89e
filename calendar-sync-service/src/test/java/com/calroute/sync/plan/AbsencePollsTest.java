package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AbsencePollsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(4);

    @Test
    void aMailboxIsDueAgainAfterEightyToAHundredPercentOfTheIntervalAndOnlyOnceAtATime() {
        AbsencePolls atLatest = new AbsencePolls(INTERVAL, () -> 0.0);
        AbsencePolls atEarliest = new AbsencePolls(INTERVAL, () -> 1.0);
        atLatest.polled("t/a", new AbsenceSettings(AutomaticReplies.OFF, null), T0);
        atEarliest.polled("t/a", new AbsenceSettings(AutomaticReplies.OFF, null), T0);

        assertThat(atEarliest.due(List.of("t/a"), T0.plus(Duration.ofSeconds(191)), 10)).isEmpty();
        assertThat(atEarliest.due(List.of("t/a"), T0.plus(Duration.ofSeconds(192)), 10)).containsExactly("t/a");
        assertThat(atLatest.due(List.of("t/a"), T0.plus(INTERVAL).minusSeconds(1), 10)).isEmpty();
        assertThat(atLatest.due(List.of("t/a"), T0.plus(INTERVAL), 10)).containsExactly("t/a");
        assertThat(atLatest.due(List.of("t/a"), T0.plus(INTERVAL), 10)).as("handed out once").isEmpty();
    }

    @Test
    void aMailboxMetForTheFirstTimeIsFirstPolledAtRandomWithinOneIntervalAndNotKnownTillThen() {
        AbsencePolls polls = new AbsencePolls(INTERVAL, () -> 0.5);
        polls.track("t/a", T0, null, null);
        polls.track("t/a", T0.plusSeconds(60), AutomaticReplies.OFF, null);
        assertThat(polls.known("t/a")).isNull();
        assertThat(polls.due(List.of("t/a"), T0.plusSeconds(119), 10)).isEmpty();
        assertThat(polls.due(List.of("t/a"), T0.plusSeconds(120), 10)).containsExactly("t/a");
        polls.pollAt("t/a", T0.plusSeconds(130));
        assertThat(polls.due(List.of("t/a"), T0.plusSeconds(130), 10)).as("a resync brings it forward").containsExactly("t/a");
    }

    @Test
    void aMailboxTakenOverKnowsWhatRoutingHoldsSoOnlyADifferentAnswerIsNews() {
        AbsencePolls polls = new AbsencePolls(INTERVAL, () -> 0.0);
        AutomaticReplies away = new AutomaticReplies(AutomaticReplies.State.ON, null, null);
        polls.track("t/away", T0, away, null);
        polls.track("t/back", T0, away, null);
        assertThat(polls.known("t/away")).isEqualTo(away);
        assertThat(polls.polled("t/away", new AbsenceSettings(away, null), T0.plusSeconds(1))).isFalse();
        assertThat(polls.polled("t/back", new AbsenceSettings(AutomaticReplies.OFF, null), T0.plusSeconds(1))).as("switched off meanwhile").isTrue();
    }

    @Test
    void aChangeIsReportedOnceAndAFailedPollKeepsWhatWasKnown() {
        AbsencePolls polls = new AbsencePolls(INTERVAL, () -> 0.0);
        AutomaticReplies away = new AutomaticReplies(AutomaticReplies.State.SCHEDULED, T0, T0.plus(Duration.ofDays(3)));

        assertThat(polls.due(List.of("t/a"), T0.plus(Duration.ofDays(1)), 10)).as("not tracked: never due").isEmpty();
        assertThat(polls.polled("t/a", new AbsenceSettings(AutomaticReplies.OFF, null), T0)).as("off, where nothing was known: no news").isFalse();
        assertThat(polls.polled("t/a", new AbsenceSettings(AutomaticReplies.OFF, null), T0.plusSeconds(240))).isFalse();
        assertThat(polls.polled("t/a", new AbsenceSettings(away, null), T0.plusSeconds(480))).isTrue();
        polls.failed("t/a", T0.plusSeconds(720));
        assertThat(polls.known("t/a")).isEqualTo(away);
        assertThat(polls.due(List.of("t/a"), T0.plusSeconds(900), 10)).isEmpty();
        assertThat(polls.due(List.of("t/a"), T0.plusSeconds(960), 10)).containsExactly("t/a");

        polls.retainOnly(Set.of());
        assertThat(polls.known("t/a")).isNull();
        assertThat(polls.due(List.of("t/a"), T0.plus(Duration.ofDays(1)), 10)).as("forgotten").isEmpty();
    }

    @Test
    void aRoundTakesTheMostOverdueFirstUpToTwiceTheEvenShare() {
        AbsencePolls polls = new AbsencePolls(INTERVAL, () -> 0.0);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            keys.add("t/u" + i);
            polls.polled("t/u" + i, new AbsenceSettings(AutomaticReplies.OFF, null), T0.plusMillis(i));
        }
        int perTick = polls.perTick(keys.size(), Duration.ofSeconds(2));
        assertThat(perTick).as("1,200 mailboxes every 4 min = 10 per 2 s, twice that").isEqualTo(20);

        List<String> due = polls.due(keys, T0.plus(Duration.ofMinutes(5)), perTick);
        assertThat(due).hasSize(20).startsWith("t/u0", "t/u1");
    }

    /**
     * The poll's cost, measured on the scheduling code itself: 1,000 mailboxes first read together (a bulk opt-in),
     * polled by 2-second rounds for an hour at the default 4-minute interval, working hours read hourly. Over EWS a
     * poll is one request (GetUserOofSettings), plus one (GetUserAvailability) when it reads the working hours; over
     * Graph one request (mailboxSettings) answers both.
     */
    @Test
    void anHourAtTheDefaultIntervalsCostsFifteenToNineteenPollsAndAboutOneWorkingHoursReadPerMailbox() {
        java.util.Random random = new java.util.Random(17);
        AbsencePolls polls = new AbsencePolls(INTERVAL, Duration.ofHours(1), random::nextDouble);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            keys.add("t/u" + i);
            polls.track("t/u" + i, T0, null, null);
        }
        Duration tick = Duration.ofSeconds(2);
        int total = 0;
        int hoursReads = 0;
        int busiestRound = 0;
        java.util.Map<String, Instant> lastPoll = new java.util.HashMap<>();
        Duration longestGap = Duration.ZERO;
        Instant start = T0.plus(Duration.ofHours(1));
        for (Instant now = T0.plus(tick); now.isBefore(T0.plus(Duration.ofHours(2))); now = now.plus(tick)) {
            List<String> round = polls.due(keys, now, polls.perTick(keys.size(), tick));
            for (String key : round) {
                Instant previous = lastPoll.put(key, now);
                if (previous != null && Duration.between(previous, now).compareTo(longestGap) > 0) {
                    longestGap = Duration.between(previous, now);
                }
                boolean withHours = polls.hoursDue(key, now);
                polls.polled(key, new AbsenceSettings(AutomaticReplies.OFF, withHours ? HOURS : null), now);
                if (!now.isBefore(start)) {
                    total++;
                    hoursReads += withHours ? 1 : 0;
                }
            }
            if (!now.isBefore(start)) {
                busiestRound = Math.max(busiestRound, round.size());
            }
        }
        double perMailboxHour = total / 1_000.0;
        double hoursPerMailboxHour = hoursReads / 1_000.0;
        System.out.printf("absence polls (second hour after a bulk opt-in): %.1f polls per mailbox and hour at a"
                + " 4-minute interval, %.2f of them also reading working hours (hourly); EWS %.1f requests per mailbox"
                + " and hour, Graph %.1f; busiest 2-second round %d polls for 1,000 mailboxes (even share %.1f)%n",
                perMailboxHour, hoursPerMailboxHour, perMailboxHour + hoursPerMailboxHour, perMailboxHour,
                busiestRound, 1_000 * 2.0 / 240);
        assertThat(perMailboxHour).isBetween(14.0, 19.0);
        assertThat(hoursPerMailboxHour).isBetween(0.9, 1.5);
        // The bar (a change of automatic replies on status.v1 within 5 minutes) rests on this: no mailbox
        // waits longer than one interval plus a round for its next poll; its read and routing add seconds.
        System.out.printf("longest gap between two polls of a mailbox: %d s (interval 240 s)%n", longestGap.toSeconds());
        assertThat(longestGap).isLessThanOrEqualTo(INTERVAL.plus(tick));
        assertThat(busiestRound).isLessThanOrEqualTo(polls.perTick(keys.size(), tick));
    }

    /** A bulk opt-in's first readings of working hours (each news, so each a calendar read) spread over the hour. */
    @Test
    void aBulkOptInsFirstWorkingHoursReadingsSpreadOverTheHoursInterval() {
        java.util.Random random = new java.util.Random(5);
        AbsencePolls polls = new AbsencePolls(INTERVAL, Duration.ofHours(1), random::nextDouble);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add("t/u" + i);
            polls.track("t/u" + i, T0, null, null);
        }
        Duration tick = Duration.ofSeconds(2);
        int[] perMinute = new int[60];
        for (Instant now = T0.plus(tick); now.isBefore(T0.plus(Duration.ofHours(1))); now = now.plus(tick)) {
            for (String key : polls.due(keys, now, polls.perTick(keys.size(), tick))) {
                boolean withHours = polls.hoursDue(key, now);
                if (polls.polled(key, new AbsenceSettings(AutomaticReplies.OFF, withHours ? HOURS : null), now)) {
                    perMinute[(int) Duration.between(T0, now).toMinutes()]++;
                }
            }
        }
        int busiest = java.util.Arrays.stream(perMinute).max().orElse(0);
        int learnt = java.util.Arrays.stream(perMinute).sum();
        System.out.printf("bulk opt-in of 10,000: working hours learnt (a calendar read each) for %d in the first hour,"
                + " busiest minute %d (even share %d)%n", learnt, busiest, 10_000 / 60);
        assertThat(learnt).isGreaterThan(9_000);
        assertThat(busiest).as("no burst of reads").isLessThan(2 * 10_000 / 60);
    }

    private static final WorkingHours HOURS = WorkingHours.fromExchange(java.time.ZoneId.of("Europe/Oslo"), List.of(
            new WorkingHours.Period(java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
                    480, 960)));

    /**
     * Working hours: read first at random within one hours-interval (at once here) and then every hours-interval;
     * learning them where routing holds
     * none is news, the same as routing holds is not, a poll that did not read them keeps what was known.
     */
    @Test
    void workingHoursAreReadAtTheFirstPollThenHourlyAndOnlyADifferenceIsNews() {
        AbsencePolls polls = new AbsencePolls(INTERVAL, Duration.ofHours(1), () -> 0.0);
        polls.track("t/new", T0, null, null);
        polls.track("t/held", T0, null, HOURS);
        assertThat(polls.knownHours("t/held")).isEqualTo(HOURS);
        assertThat(polls.hoursDue("t/new", T0)).as("first reading drawn at once").isTrue();
        assertThat(polls.polled("t/new", new AbsenceSettings(AutomaticReplies.OFF, HOURS), T0)).as("learnt").isTrue();
        assertThat(polls.polled("t/held", new AbsenceSettings(AutomaticReplies.OFF, HOURS), T0))
                .as("what routing holds already").isFalse();
        assertThat(polls.hoursDue("t/new", T0.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(polls.polled("t/new", new AbsenceSettings(AutomaticReplies.OFF, null), T0.plusSeconds(240)))
                .as("not read this time: known hours stay").isFalse();
        assertThat(polls.knownHours("t/new")).isEqualTo(HOURS);
        assertThat(polls.hoursDue("t/new", T0.plus(Duration.ofHours(1)))).isTrue();
        WorkingHours later = WorkingHours.fromExchange(java.time.ZoneId.of("Europe/Oslo"), List.of(
                new WorkingHours.Period(Set.of(java.time.DayOfWeek.MONDAY), 540, 900)));
        assertThat(polls.polled("t/new", new AbsenceSettings(AutomaticReplies.OFF, later), T0.plus(Duration.ofHours(1))))
                .as("changed in Outlook").isTrue();
        polls.pollAt("t/new", T0.plus(Duration.ofMinutes(70)));
        assertThat(polls.hoursDue("t/new", T0.plus(Duration.ofMinutes(70)))).as("a resync reads them again").isTrue();
    }

    @Test
    void unusableWorkingHoursFromExchangeAreNotKnown() {
        java.time.ZoneId oslo = java.time.ZoneId.of("Europe/Oslo");
        assertThat(WorkingHours.fromExchange(null, List.of(new WorkingHours.Period(Set.of(java.time.DayOfWeek.MONDAY),
                480, 960)))).as("no zone").isNull();
        assertThat(WorkingHours.fromExchange(oslo, List.of(new WorkingHours.Period(Set.of(), 480, 960),
                new WorkingHours.Period(Set.of(java.time.DayOfWeek.MONDAY), 960, 480),
                new WorkingHours.Period(Set.of(java.time.DayOfWeek.MONDAY), -5, 2000)))).isNull();
        assertThat(WorkingHours.fromExchange(oslo, List.of(new WorkingHours.Period(Set.of(), 480, 960),
                new WorkingHours.Period(Set.of(java.time.DayOfWeek.FRIDAY), 480, 900))).periods()).hasSize(1);
    }

    @Test
    void exchangesNamesMapAndAScheduleWithoutAWindowIsOff() {
        Instant end = T0.plus(Duration.ofDays(2));
        assertThat(AutomaticReplies.fromExchange("Enabled", T0, end).state()).isEqualTo(AutomaticReplies.State.ON);
        assertThat(AutomaticReplies.fromExchange("alwaysEnabled", null, null).start()).isNull();
        assertThat(AutomaticReplies.fromExchange("scheduled", T0, end))
                .isEqualTo(new AutomaticReplies(AutomaticReplies.State.SCHEDULED, T0, end));
        assertThat(AutomaticReplies.fromExchange("Scheduled", end, T0)).isEqualTo(AutomaticReplies.OFF);
        assertThat(AutomaticReplies.fromExchange("Disabled", T0, end)).isEqualTo(AutomaticReplies.OFF);
        assertThat(AutomaticReplies.fromExchange(null, null, null)).isEqualTo(AutomaticReplies.OFF);
    }

    @Test
    void aResyncDuringAPollInFlightGetsAPollOfItsOwnWithTheWorkingHours() {
        AbsencePolls polls = new AbsencePolls(INTERVAL, Duration.ofHours(1), () -> 0.5);
        polls.track("t/a", T0, null, null);
        Instant handedOut = T0.plus(INTERVAL);
        assertThat(polls.due(List.of("t/a"), handedOut, 1)).containsExactly("t/a");
        assertThat(polls.hoursDue("t/a", handedOut)).as("working hours not due at this poll").isFalse();

        // The employee changes her working hours and asks for a resync while that poll is still reading Exchange.
        Instant resync = handedOut.plusMillis(300);
        polls.pollAt("t/a", resync);
        polls.polled("t/a", new AbsenceSettings(AutomaticReplies.OFF, null), handedOut.plusMillis(600));

        Instant nextRound = handedOut.plusSeconds(2);
        assertThat(polls.due(List.of("t/a"), nextRound, 1)).as("polled again at once, not an interval later")
                .containsExactly("t/a");
        assertThat(polls.hoursDue("t/a", nextRound)).as("with the working hours the resync asked for").isTrue();
        polls.polled("t/a", new AbsenceSettings(AutomaticReplies.OFF, null, true), nextRound.plusMillis(300));
        assertThat(polls.due(List.of("t/a"), nextRound.plusSeconds(2), 1)).as("then back to the interval").isEmpty();
    }

    @Test
    void aResyncDuringAFailedPollInFlightIsAlsoKept() {
        AbsencePolls polls = new AbsencePolls(INTERVAL, Duration.ofHours(1), () -> 0.5);
        polls.track("t/a", T0, null, null);
        Instant handedOut = T0.plus(INTERVAL);
        polls.due(List.of("t/a"), handedOut, 1);

        polls.pollAt("t/a", handedOut.plusMillis(300));
        polls.failed("t/a", handedOut.plusMillis(600));

        assertThat(polls.due(List.of("t/a"), handedOut.plusSeconds(2), 1)).containsExactly("t/a");
        assertThat(polls.hoursDue("t/a", handedOut.plusSeconds(2))).isTrue();
    }
}
