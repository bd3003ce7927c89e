package com.calroute.routing.decisions;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's one line per decision, in bokmål and English, in the tenant's zone (DST included). */
class DecisionTextTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void aMeetingSendsTheCallToVoicemail() {
        Decision d = decision("2026-12-01T09:42:00Z", "…567", "VOICEMAIL", null, "CALENDAR", "BUSY",
                "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", null);
        assertThat(DecisionText.of(d, OSLO, DecisionText.Language.NB))
                .isEqualTo("10:42 fra …567 → talepost: Opptatt i Outlook-avtale 10:00–11:00");
        assertThat(DecisionText.of(d, OSLO, DecisionText.Language.EN))
                .isEqualTo("10:42 from …567 → voicemail: Busy in an Outlook appointment 10:00–11:00");
    }

    @Test
    void aPriorityCallerRingsThroughAndSaysWhy() {
        Decision d = decision("2026-07-01T08:05:00Z", "…123", "RING", null, "CALENDAR", "BUSY",
                "2026-07-01T08:00:00Z", "2026-07-01T09:00:00Z", "PRIORITY_CALLER");
        assertThat(DecisionText.of(d, OSLO, DecisionText.Language.NB)).isEqualTo(
                "10:05 fra …123 → ringer: prioritert innringer slipper gjennom — Opptatt i Outlook-avtale 10:00–11:00");
        assertThat(DecisionText.of(d, OSLO, DecisionText.Language.EN)).isEqualTo(
                "10:05 from …123 → rings: priority caller rings through — Busy in an Outlook appointment 10:00–11:00");
    }

    @Test
    void aSubjectCodeOrCategorySaysSoAndAShowOnlyItemSaysTheCallRang() {
        Decision shown = new Decision(Instant.parse("2026-12-01T09:42:00Z"), "acme", "kari", "+4791234001", "…567",
                "BUSY", "RING", null, "CALENDAR", "BUSY", Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"), null, false, "MØT", null, true);
        assertThat(DecisionText.of(shown, OSLO, DecisionText.Language.NB)).isEqualTo(
                "10:42 fra …567 → ringer: Opptatt i Outlook-avtale (kode MØT;, bare vist, samtalen ringer) 10:00–11:00");
        assertThat(DecisionText.of(shown, OSLO, DecisionText.Language.EN)).isEqualTo(
                "10:42 from …567 → rings: Busy in an Outlook appointment (code MØT;, shown only, the call rings) 10:00–11:00");
        Decision holiday = new Decision(Instant.parse("2026-12-01T09:42:00Z"), "acme", "kari", "+4791234001", "…567",
                "OUT_OF_OFFICE", "VOICEMAIL", null, "CALENDAR", "OOF", null, null, null, false, null, "Ferie", false);
        assertThat(DecisionText.of(holiday, OSLO, DecisionText.Language.NB))
                .isEqualTo("10:42 fra …567 → talepost: Borte (Outlook-avtale) (kategori Ferie)");
    }

    @Test
    void otherDaysShowTheDateAndUnboundedSidesAreLeftOut() {
        Decision d = decision("2026-12-01T09:42:00Z", null, "FORWARD", "+4722000000", "AUTOMATIC_REPLIES", "OOF",
                null, "2026-12-03T07:00:00Z", null);
        assertThat(DecisionText.of(d, OSLO, DecisionText.Language.NB))
                .isEqualTo("10:42 fra ukjent nummer → viderekoblet til +4722000000: Automatiske svar er på i Outlook til 3.12. 08:00");
        assertThat(DecisionText.of(d, OSLO, DecisionText.Language.EN))
                .isEqualTo("10:42 from an unknown number → forwarded to +4722000000: Automatic replies are on in Outlook until 3 Dec 08:00");
    }

    @Test
    void languageFollowsAcceptLanguageWithBokmalAsDefault() {
        assertThat(DecisionText.Language.of("en-GB,en;q=0.9")).isEqualTo(DecisionText.Language.EN);
        assertThat(DecisionText.Language.of("nb-NO,en;q=0.5")).isEqualTo(DecisionText.Language.NB);
        assertThat(DecisionText.Language.of(null)).isEqualTo(DecisionText.Language.NB);
    }

    private static Decision decision(String at, String caller, String action, String target, String source,
                                     String busyType, String from, String until, String ringThrough) {
        return new Decision(Instant.parse(at), "acme", "kari", "+4791234001", caller, "BUSY", action, target, source,
                busyType, from == null ? null : Instant.parse(from), until == null ? null : Instant.parse(until),
                ringThrough, false);
    }
}
