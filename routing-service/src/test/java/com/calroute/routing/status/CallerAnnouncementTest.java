package com.calroute.routing.status;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The caller's announcement in bokmål and English, today and another day, across Oslo's daylight-saving changes. */
class CallerAnnouncementTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final CallerAnnouncement NB = new CallerAnnouncement("Kari Nordmann", CallerAnnouncement.Language.NB,
            OSLO);
    private static final CallerAnnouncement EN = new CallerAnnouncement("Kari Nordmann", CallerAnnouncement.Language.EN,
            OSLO);

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void anEndLaterTodayIsATimeInTheTenantsZone() {
        assertThat(NB.format(State.BUSY, t("2026-12-01T13:00:00Z"), t("2026-12-01T09:30:00Z")))
                .isEqualTo("Kari Nordmann er i møte til 14:00");
        assertThat(EN.format(State.BUSY, t("2026-12-01T13:00:00Z"), t("2026-12-01T09:30:00Z")))
                .isEqualTo("Kari Nordmann is in a meeting until 14:00");
    }

    @Test
    void anEndAtMidnightIsTheDayItEndsOn() {
        // Away over New Year, back on Monday 2 January: the all-day items end at midnight, Oslo time.
        assertThat(NB.format(State.OOF, t("2023-01-01T23:00:00Z"), t("2022-12-22T09:00:00Z")))
                .isEqualTo("Kari Nordmann er borte til mandag 2. januar");
        assertThat(EN.format(State.OOF, t("2023-01-01T23:00:00Z"), t("2022-12-22T09:00:00Z")))
                .isEqualTo("Kari Nordmann is away until Monday 2 January");
    }

    @Test
    void anEndAnotherDayIsThatDayAndTimeAndBecomesATimeOnceThatDayHasCome() {
        Instant until = t("2026-12-02T08:00:00Z");
        assertThat(NB.format(State.WORKING_ELSEWHERE, until, t("2026-12-01T20:00:00Z")))
                .isEqualTo("Kari Nordmann jobber et annet sted til onsdag 2. desember kl. 09:00");
        assertThat(EN.format(State.WORKING_ELSEWHERE, until, t("2026-12-01T20:00:00Z")))
                .isEqualTo("Kari Nordmann is working elsewhere until Wednesday 2 December at 09:00");
        // 22:59 UTC is 23:59 in Oslo, still the day before; 23:00 UTC is Oslo's midnight.
        assertThat(NB.format(State.WORKING_ELSEWHERE, until, t("2026-12-01T22:59:59Z")))
                .isEqualTo("Kari Nordmann jobber et annet sted til onsdag 2. desember kl. 09:00");
        assertThat(NB.format(State.WORKING_ELSEWHERE, until, t("2026-12-01T23:00:00Z")))
                .isEqualTo("Kari Nordmann jobber et annet sted til 09:00");
    }

    @Test
    void theClockMovesForwardOnTheLastSundayOfMarch() {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST. Asked at 01:30 CET, a meeting ending 13:00 UTC ends 15:00.
        assertThat(NB.format(State.BUSY, t("2026-03-29T13:00:00Z"), t("2026-03-29T00:30:00Z")))
                .isEqualTo("Kari Nordmann er i møte til 15:00");
        // Asked on the Friday before, in winter time, about Monday 09:00 summer time.
        assertThat(NB.format(State.OOF, t("2026-03-30T07:00:00Z"), t("2026-03-27T10:00:00Z")))
                .isEqualTo("Kari Nordmann er borte til mandag 30. mars kl. 09:00");
        assertThat(EN.format(State.OOF, t("2026-03-30T07:00:00Z"), t("2026-03-27T10:00:00Z")))
                .isEqualTo("Kari Nordmann is away until Monday 30 March at 09:00");
        // Midnight after the change is 22:00 UTC, not 23:00: the day that begins then is Monday.
        assertThat(NB.format(State.OOF, t("2026-03-29T22:00:00Z"), t("2026-03-27T10:00:00Z")))
                .isEqualTo("Kari Nordmann er borte til mandag 30. mars");
    }

    @Test
    void theClockMovesBackOnTheLastSundayOfOctober() {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET. Asked at 02:15 CEST about 01:30 UTC, which is 02:30 CET.
        assertThat(NB.format(State.BUSY, t("2026-10-25T01:30:00Z"), t("2026-10-25T00:15:00Z")))
                .isEqualTo("Kari Nordmann er i møte til 02:30");
        // The 25-hour day: an end at 23:00 UTC is Monday's midnight, so asked on Sunday it is another day.
        assertThat(EN.format(State.OOF, t("2026-10-25T23:00:00Z"), t("2026-10-25T12:00:00Z")))
                .isEqualTo("Kari Nordmann is away until Monday 26 October");
        assertThat(NB.format(State.BUSY, t("2026-10-26T08:00:00Z"), t("2026-10-25T22:30:00Z")))
                .isEqualTo("Kari Nordmann er i møte til mandag 26. oktober kl. 09:00");
        assertThat(NB.format(State.BUSY, t("2026-10-26T08:00:00Z"), t("2026-10-25T23:00:00Z")))
                .isEqualTo("Kari Nordmann er i møte til 09:00");
    }

    @Test
    void everyStateHasItsWordsAndAvailableSaysNothing() {
        Instant now = t("2026-12-01T09:30:00Z");
        Instant until = t("2026-12-01T13:00:00Z");
        assertThat(NB.format(State.TENTATIVE, until, now)).isEqualTo("Kari Nordmann er kanskje opptatt til 14:00");
        assertThat(NB.format(State.OUTSIDE_WORKING_HOURS, until, now)).isEqualTo("Kari Nordmann er ikke på jobb til 14:00");
        assertThat(NB.format(State.OVERRIDE, until, now)).isEqualTo("Kari Nordmann er ikke tilgjengelig til 14:00");
        assertThat(EN.format(State.TENTATIVE, until, now)).isEqualTo("Kari Nordmann may be busy until 14:00");
        assertThat(EN.format(State.OUTSIDE_WORKING_HOURS, until, now)).isEqualTo("Kari Nordmann is off work until 14:00");
        assertThat(EN.format(State.OVERRIDE, until, now)).isEqualTo("Kari Nordmann is unavailable until 14:00");
        assertThat(NB.format(State.AVAILABLE, until, now)).isNull();
        assertThat(NB.format(State.OOF, null, now)).isEqualTo("Kari Nordmann er borte");
        assertThat(EN.format(State.OOF, null, now)).isEqualTo("Kari Nordmann is away");
    }

    @Test
    void withoutAUsableNameTheCallerHearsWhoTheyCalledAndNamesAreCleaned() {
        Instant now = t("2026-12-01T09:30:00Z");
        Instant until = t("2026-12-01T13:00:00Z");
        assertThat(new CallerAnnouncement(null, CallerAnnouncement.Language.NB, OSLO).format(State.BUSY, until, now))
                .isEqualTo("Den du ringer er i møte til 14:00");
        assertThat(new CallerAnnouncement(" \u0007 ", CallerAnnouncement.Language.EN, OSLO).format(State.BUSY, until,
                now)).isEqualTo("The person you are calling is in a meeting until 14:00");
        assertThat(new CallerAnnouncement("Kari\nNordmann", CallerAnnouncement.Language.NB, OSLO).format(State.BUSY,
                until, now)).isEqualTo("KariNordmann er i møte til 14:00");
        assertThat(new CallerAnnouncement("K".repeat(500), CallerAnnouncement.Language.NB, OSLO).format(State.BUSY,
                until, now)).startsWith("K".repeat(CallerAnnouncement.MAX_NAME_LENGTH) + " er i møte");
    }

    @Test
    void aLookupFollowsTheDayAndTheStatus() {
        CallerAnnouncement announcement = new CallerAnnouncement("Kari Nordmann", CallerAnnouncement.Language.NB, OSLO);
        Status meeting = new Status(State.BUSY, Action.VOICEMAIL, null, t("2026-12-01T20:00:00Z"),
                t("2026-12-02T08:00:00Z"), Reason.DEFAULT, t("2026-12-02T08:00:00Z"));
        String evening = announcement.at(meeting, t("2026-12-01T21:00:00Z"));
        assertThat(evening).isEqualTo("Kari Nordmann er i møte til onsdag 2. desember kl. 09:00");
        assertThat(announcement.at(meeting, t("2026-12-01T21:30:00Z"))).isEqualTo(evening);
        assertThat(announcement.at(meeting, t("2026-12-02T05:00:00Z"))).isEqualTo("Kari Nordmann er i møte til 09:00");
        Status away = new Status(State.OOF, Action.FORWARD, "+4790000000", t("2026-12-02T08:00:00Z"), null,
                Reason.AUTOMATIC_REPLIES, null);
        assertThat(announcement.at(away, t("2026-12-02T09:00:00Z"))).isEqualTo("Kari Nordmann er borte");
        Status free = new Status(State.AVAILABLE, Action.RING, null, null, null, Reason.DEFAULT, null);
        assertThat(announcement.at(free, t("2026-12-02T09:00:00Z"))).isNull();
    }

    /**
     * A lookup writes nothing into the announcement: it lives in the long-lived table, and a text kept on it at each
     * lookup dirtied a card of the old generation per lookup that G1's young pauses had to scan (a million users).
     */
    @Test
    void aLookupKeepsNothingOnTheEmployee() {
        assertThat(CallerAnnouncement.class.getDeclaredFields())
                .filteredOn(field -> !Modifier.isStatic(field.getModifiers()))
                .isNotEmpty()
                .allSatisfy(field -> assertThat(Modifier.isFinal(field.getModifiers())).as(field.getName()).isTrue());
    }

    @Test
    void bokmalForNorwayEnglishElsewhere() {
        assertThat(CallerAnnouncement.Language.ofCountry("NO")).isEqualTo(CallerAnnouncement.Language.NB);
        assertThat(CallerAnnouncement.Language.ofCountry("SJ")).isEqualTo(CallerAnnouncement.Language.NB);
        assertThat(CallerAnnouncement.Language.ofCountry("SE")).isEqualTo(CallerAnnouncement.Language.EN);
        assertThat(CallerAnnouncement.Language.ofCountry("GB")).isEqualTo(CallerAnnouncement.Language.EN);
    }
}
