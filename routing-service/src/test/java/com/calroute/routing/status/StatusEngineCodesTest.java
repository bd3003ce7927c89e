package com.calroute.routing.status;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subject codes and Outlook categories, pure: the Nordic {@code :}/{@code ;} convention, categories that divert or
 * only show, and how either stands against the item's own free/busy status and everything else that decides.
 */
class StatusEngineCodesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant WINDOW_START = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-12-15T00:00:00Z");
    private static final Instant AT = Instant.parse("2026-12-01T09:30:00Z");
    private static final StatusSettings SETTINGS = new StatusSettings(Map.of(
            FreeBusy.TENTATIVE, new ActionChoice(Action.BUSY, null),
            FreeBusy.BUSY, new ActionChoice(Action.VOICEMAIL, null),
            FreeBusy.OOF, new ActionChoice(Action.FORWARD, "+4790000000"),
            FreeBusy.WORKING_ELSEWHERE, new ActionChoice(Action.SWITCHBOARD, null)),
            UnansweredInvitations.TENTATIVE, new ActionChoice(Action.VOICEMAIL, null));
    private static final ItemMeanings MEANINGS = new ItemMeanings(
            Map.of("MØT", FreeBusy.BUSY, "FER", FreeBusy.OOF, "SYK", FreeBusy.OOF),
            Map.of("Ferie", ItemMeanings.category(FreeBusy.OOF, true),
                    "Fokustid", ItemMeanings.category(FreeBusy.BUSY, false)));

    private static final StatusEngine ENGINE = new StatusEngine(Clock.fixed(AT, ZoneOffset.UTC));

    private static Appointment item(String id, FreeBusy shown, String code, String mark, String category) {
        return Appointment.timed(id, Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"), shown)
                .labelled(code, mark, category);
    }

    private static Status statusOf(List<Appointment> items) {
        return statusOf(items, MEANINGS, null, null);
    }

    private static Status statusOf(List<Appointment> items, ItemMeanings meanings, AwayReplies replies,
                                   WorkingWeek week) {
        CalendarSnapshot calendar = new CalendarSnapshot(WINDOW_START, WINDOW_END, true, items, replies, week);
        return ENGINE.current(new RoutingInput(SETTINGS, null, calendar, OSLO, "+4722000000", meanings));
    }

    @Test
    void aCodeWithAColonDivertsAsItsBusyTypeWhateverTheItemShows() {
        Status status = statusOf(List.of(item("m", FreeBusy.FREE, "FER", ":", null)));
        assertThat(status.state()).isEqualTo(State.OOF);
        assertThat(status.action()).isEqualTo(Action.FORWARD);
        assertThat(status.target()).isEqualTo("+4790000000");
        assertThat(status.reason()).isEqualTo(new Reason(Source.CALENDAR, FreeBusy.OOF, "m", null, "FER", null, false));
        assertThat(status.until()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void aCodeWithASemicolonShowsTheStateButTheCallRings() {
        Status status = statusOf(List.of(item("m", FreeBusy.BUSY, "MØT", ";", null)));
        assertThat(status.state()).isEqualTo(State.BUSY);
        assertThat(status.action()).isEqualTo(Action.RING);
        assertThat(status.target()).isNull();
        assertThat(status.reason()).isEqualTo(new Reason(Source.CALENDAR, FreeBusy.BUSY, "m", null, "MØT", null, true));
        assertThat(status.until()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void aCategoryDivertsOrOnlyShowsAsTheTenantAdminChose() {
        Status diverting = statusOf(List.of(item("m", FreeBusy.TENTATIVE, null, null, "Ferie")));
        assertThat(diverting.state()).isEqualTo(State.OOF);
        assertThat(diverting.action()).isEqualTo(Action.FORWARD);
        assertThat(diverting.reason()).isEqualTo(new Reason(Source.CALENDAR, FreeBusy.OOF, "m", null, null, "Ferie",
                false));
        Status showing = statusOf(List.of(item("m", FreeBusy.FREE, null, null, "fokustid")));
        assertThat(showing.state()).isEqualTo(State.BUSY);
        assertThat(showing.action()).isEqualTo(Action.RING);
        assertThat(showing.reason().showOnly()).isTrue();
        assertThat(showing.reason().category()).isEqualTo("fokustid");
    }

    @Test
    void theCodeBeatsTheCategoryOnTheSameItem() {
        Status status = statusOf(List.of(item("m", FreeBusy.BUSY, "MØT", ";", "Ferie")));
        assertThat(status.state()).isEqualTo(State.BUSY);
        assertThat(status.action()).isEqualTo(Action.RING);
        assertThat(status.reason().subjectCode()).isEqualTo("MØT");
        assertThat(status.reason().category()).isNull();
    }

    @Test
    void aCodeOrCategoryTheTenantDoesNotDefineMeansNothing() {
        Status undefined = statusOf(List.of(item("m", FreeBusy.BUSY, "XYZ", ";", "Rød")));
        assertThat(undefined.state()).isEqualTo(State.BUSY);
        assertThat(undefined.action()).isEqualTo(Action.VOICEMAIL);
        assertThat(undefined.reason()).isEqualTo(new Reason(Source.CALENDAR, FreeBusy.BUSY, "m", null));
        Status noMeanings = statusOf(List.of(item("m", FreeBusy.FREE, "FER", ":", null)), ItemMeanings.NONE, null,
                null);
        assertThat(noMeanings.state()).isEqualTo(State.AVAILABLE);
        assertThat(noMeanings.action()).isEqualTo(Action.RING);
    }

    @Test
    void anyItemThatRoutesBeatsAShowOnlyOneHoweverStrong() {
        Status status = statusOf(List.of(item("show", FreeBusy.BUSY, "FER", ";", null),
                Appointment.timed("t", Instant.parse("2026-12-01T09:15:00Z"), Instant.parse("2026-12-01T09:45:00Z"),
                        FreeBusy.TENTATIVE)));
        assertThat(status.state()).isEqualTo(State.TENTATIVE);
        assertThat(status.action()).isEqualTo(Action.BUSY);
        assertThat(status.reason().itemId()).isEqualTo("t");
        assertThat(status.until()).isEqualTo(Instant.parse("2026-12-01T09:45:00Z"));
        // After the routing item ends the show-only state shows again, ringing.
        Status after = new StatusEngine(Clock.fixed(Instant.parse("2026-12-01T09:50:00Z"), ZoneOffset.UTC)).current(
                new RoutingInput(SETTINGS, null, new CalendarSnapshot(WINDOW_START, WINDOW_END, true, List.of(
                        item("show", FreeBusy.BUSY, "FER", ";", null))), OSLO, null, MEANINGS));
        assertThat(after.state()).isEqualTo(State.OOF);
        assertThat(after.action()).isEqualTo(Action.RING);
    }

    @Test
    void automaticRepliesAndTheTimeOutsideWorkingHoursBeatAShowOnlyItem() {
        Status away = statusOf(List.of(item("show", FreeBusy.BUSY, "MØT", ";", null)), MEANINGS,
                new AwayReplies(Instant.parse("2026-12-01T08:00:00Z"), null), null);
        assertThat(away.state()).isEqualTo(State.OOF);
        assertThat(away.action()).isEqualTo(Action.FORWARD);
        assertThat(away.reason().source()).isEqualTo(Source.AUTOMATIC_REPLIES);

        WorkingWeek afternoonsOnly = new WorkingWeek(OSLO, List.of(new WorkingWeek.Period(EnumSet.allOf(DayOfWeek.class),
                12 * 60, 16 * 60)));
        Status outside = statusOf(List.of(item("show", FreeBusy.BUSY, "MØT", ";", null)), MEANINGS, null,
                afternoonsOnly);
        assertThat(outside.state()).isEqualTo(State.OUTSIDE_WORKING_HOURS);
        assertThat(outside.action()).isEqualTo(Action.VOICEMAIL);
    }

    @Test
    void cancelledAndDeclinedItemsNeverCountAndUnansweredInvitationsStayCappedWhateverTheirCode() {
        Appointment cancelled = new Appointment("c", Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"), false, null, null, null, FreeBusy.BUSY, true, null, null,
                "FER", ":", null);
        Appointment declined = new Appointment("d", Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"), false, null, null, null, FreeBusy.BUSY, false, null,
                Response.DECLINED, "FER", ":", null);
        assertThat(statusOf(List.of(cancelled, declined)).state()).isEqualTo(State.AVAILABLE);

        Appointment unanswered = new Appointment("u", Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"), false, null, null, null, FreeBusy.FREE, false, null,
                Response.NOT_RESPONDED, "FER", ":", null);
        Status capped = statusOf(List.of(unanswered));
        assertThat(capped.state()).isEqualTo(State.TENTATIVE);
        assertThat(capped.action()).isEqualTo(Action.BUSY);
    }

    @Test
    void overlappingDivertingItemsStillTakeTheStrongestOnceCodesHaveGivenThemTheirTypes() {
        Status status = statusOf(List.of(item("a", FreeBusy.OOF, null, null, null),
                item("b", FreeBusy.OOF, "MØT", ":", null)));
        assertThat(status.state()).isEqualTo(State.OOF);
        assertThat(status.reason().itemId()).isEqualTo("a");
    }
}
