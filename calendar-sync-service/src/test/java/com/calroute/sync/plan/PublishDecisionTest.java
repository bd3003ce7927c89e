package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PublishDecisionTest {

    private static final Instant READ = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration REFRESH = Duration.ofHours(1);
    private static final SyncWindow WINDOW = new SyncWindow(Instant.parse("2026-11-30T00:00:00Z"),
            Instant.parse("2026-12-16T00:00:00Z"));

    private static NormalItem item(String id, String changeKey, Busy busy) {
        return new NormalItem(id, changeKey, Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"),
                false, null, null, null, busy, Privacy.NORMAL, false, null, null, null);
    }

    @Test
    void firstSnapshotOfAKeyIsVersionOne() {
        CalendarSnapshot snapshot = new CalendarSnapshot(true, WINDOW, List.of(item("a", "1", Busy.BUSY)));
        assertThat(PublishDecision.nextVersion(null, snapshot, READ, REFRESH)).hasValue(1);
    }

    @Test
    void anUnchangedSnapshotIsNotPublishedAgain() {
        CalendarSnapshot snapshot = new CalendarSnapshot(true, WINDOW, List.of(item("a", "1", Busy.BUSY)));
        CalendarSnapshot again = new CalendarSnapshot(true, WINDOW, List.of(item("a", "1", Busy.BUSY)));
        assertThat(PublishDecision.nextVersion(new PublishDecision.LastPublished(7, snapshot.fingerprint(), READ), again,
                READ.plus(Duration.ofMinutes(59)), REFRESH)).isEmpty();
    }

    @Test
    void anUnchangedCalendarIsRepublishedOnlyToRefreshAnOldCalendarAsOf() {
        CalendarSnapshot snapshot = new CalendarSnapshot(true, WINDOW, List.of(item("a", "1", Busy.BUSY)));
        PublishDecision.LastPublished last = new PublishDecision.LastPublished(7, snapshot.fingerprint(), READ);
        assertThat(PublishDecision.nextVersion(last, snapshot, READ.plus(REFRESH).minusMillis(1), REFRESH)).isEmpty();
        assertThat(PublishDecision.nextVersion(last, snapshot, READ.plus(REFRESH), REFRESH)).hasValue(8);
        // A message from before calendarAsOf was kept (none known): refresh it.
        assertThat(PublishDecision.nextVersion(new PublishDecision.LastPublished(7, snapshot.fingerprint()), snapshot,
                READ, REFRESH)).hasValue(8);
    }

    @Test
    void aChangedSnapshotGetsTheNextVersion() {
        CalendarSnapshot before = new CalendarSnapshot(true, WINDOW, List.of(item("a", "1", Busy.BUSY)));
        CalendarSnapshot after = new CalendarSnapshot(true, WINDOW, List.of(item("a", "2", Busy.OOF)));
        assertThat(PublishDecision.nextVersion(new PublishDecision.LastPublished(7, before.fingerprint(), READ), after,
                READ.plusSeconds(5), REFRESH)).hasValue(8);
    }

    @Test
    void itemOrderDoesNotMatterButTheWindowDoes() {
        NormalItem a = item("a", "1", Busy.BUSY);
        NormalItem b = new NormalItem("b", "1", Instant.parse("2026-12-02T09:00:00Z"),
                Instant.parse("2026-12-02T10:00:00Z"), false, null, null, null, Busy.FREE, Privacy.NORMAL, false, null, null, null);
        assertThat(new CalendarSnapshot(true, WINDOW, List.of(a, b)).fingerprint())
                .isEqualTo(new CalendarSnapshot(true, WINDOW, List.of(b, a)).fingerprint());
        SyncWindow rolled = new SyncWindow(WINDOW.start().plusSeconds(86_400), WINDOW.end().plusSeconds(86_400));
        assertThat(new CalendarSnapshot(true, rolled, List.of(a, b)).fingerprint())
                .isNotEqualTo(new CalendarSnapshot(true, WINDOW, List.of(a, b)).fingerprint());
    }

    @Test
    void theEmptyCalendarOfAnOptedOutUserIsNotRepublishedWhenTheWindowRolls() {
        CalendarSnapshot today = CalendarSnapshot.optedOut(WINDOW);
        CalendarSnapshot tomorrow = CalendarSnapshot.optedOut(new SyncWindow(WINDOW.start().plusSeconds(86_400),
                WINDOW.end().plusSeconds(86_400)));
        assertThat(PublishDecision.nextVersion(new PublishDecision.LastPublished(3, today.fingerprint()), tomorrow, null,
                REFRESH)).isEmpty();
    }

    @Test
    void afterATombstoneTheVersionStillRises() {
        CalendarSnapshot snapshot = CalendarSnapshot.optedOut(WINDOW);
        assertThat(PublishDecision.nextVersion(new PublishDecision.LastPublished(9, null), snapshot, null, REFRESH))
                .hasValue(10);
        assertThat(PublishDecision.needsTombstone(new PublishDecision.LastPublished(9, null))).isFalse();
        assertThat(PublishDecision.needsTombstone(new PublishDecision.LastPublished(9, "x"))).isTrue();
        assertThat(PublishDecision.needsTombstone(null)).isFalse();
    }
}
