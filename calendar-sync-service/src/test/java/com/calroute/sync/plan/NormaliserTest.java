package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NormaliserTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final SyncWindow WINDOW = new SyncWindow(Instant.parse("2026-11-30T00:00:00Z"),
            Instant.parse("2026-12-16T00:00:00Z"));

    private static RawItem meeting(String id, String start, String end, String sensitivity, String subject) {
        return new RawItem(id, "ck-" + id, Instant.parse(start), Instant.parse(end), false, null, "Busy", sensitivity,
                false, subject, "Room 1", null);
    }

    @Test
    void privateItemsNeverCarrySubjectOrLocationEvenWhenTheTenantShares() {
        Normaliser sharing = new Normaliser(true, OSLO);
        NormalItem item = sharing.normalise(meeting("a", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", "Private",
                "CANARY-secret"));
        assertThat(item.subject()).isNull();
        assertThat(item.location()).isNull();
        assertThat(item.privacy()).isEqualTo(Privacy.PRIVATE);
        assertThat(item.toString()).doesNotContain("CANARY");
    }

    @Test
    void personalAndConfidentialItemsNeverCarrySubjectOrLocationEither() {
        Normaliser sharing = new Normaliser(true, OSLO);
        for (String sensitivity : List.of("Personal", "Confidential")) {
            NormalItem item = sharing.normalise(meeting("a", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", sensitivity,
                    "CANARY-secret"));
            assertThat(item.subject()).as(sensitivity).isNull();
            assertThat(item.location()).as(sensitivity).isNull();
            assertThat(item.privacy()).isEqualTo(Privacy.fromExchange(sensitivity));
        }
    }

    @Test
    void subjectsOnlyWhenTheTenantShares() {
        RawItem raw = meeting("a", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", "Normal", "Budget");
        assertThat(new Normaliser(false, OSLO).normalise(raw).subject()).isNull();
        assertThat(new Normaliser(false, OSLO).normalise(raw).location()).isNull();
        NormalItem shared = new Normaliser(true, OSLO).normalise(raw);
        assertThat(shared.subject()).isEqualTo("Budget");
        assertThat(shared.location()).isEqualTo("Room 1");
    }

    @Test
    void unknownSensitivityIsTreatedAsPrivate() {
        NormalItem item = new Normaliser(true, OSLO).normalise(meeting("a", "2026-12-01T09:00:00Z",
                "2026-12-01T10:00:00Z", null, "Secret"));
        assertThat(item.privacy()).isEqualTo(Privacy.PRIVATE);
        assertThat(item.subject()).isNull();
    }

    @Test
    void allDayItemsGetLocalDatesInTheirOwnZoneWhenExchangeRevealsIt() {
        RawItem raw = new RawItem("d", "ck", Instant.parse("2026-12-03T23:00:00Z"), Instant.parse("2026-12-05T23:00:00Z"),
                true, "W. Europe Standard Time", "OOF", "Normal", false, null, null, null);
        NormalItem item = new Normaliser(false, ZoneId.of("UTC")).normalise(raw);
        assertThat(item.startDate()).isEqualTo(LocalDate.parse("2026-12-04"));
        assertThat(item.endDate()).isEqualTo(LocalDate.parse("2026-12-06"));
        assertThat(item.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(item.busy()).isEqualTo(Busy.OOF);
    }

    @Test
    void allDayItemsFallBackToTheTenantZoneAndSayNoZone() {
        RawItem raw = new RawItem("d", "ck", Instant.parse("2026-12-03T23:00:00Z"), Instant.parse("2026-12-04T23:00:00Z"),
                true, null, "Busy", "Normal", false, null, null, null);
        NormalItem item = new Normaliser(false, OSLO).normalise(raw);
        assertThat(item.startDate()).isEqualTo(LocalDate.parse("2026-12-04"));
        assertThat(item.endDate()).isEqualTo(LocalDate.parse("2026-12-05"));
        assertThat(item.timeZone()).isNull();
    }

    @Test
    void dropsItemsOutsideTheWindowDeduplicatesAndSortsByStart() {
        Normaliser normaliser = new Normaliser(false, OSLO);
        List<NormalItem> items = normaliser.normalise(List.of(
                meeting("late", "2026-12-10T09:00:00Z", "2026-12-10T10:00:00Z", "Normal", null),
                meeting("early", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", "Normal", null),
                meeting("early", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", "Normal", null),
                meeting("outside", "2026-12-20T09:00:00Z", "2026-12-20T10:00:00Z", "Normal", null)), WINDOW);
        assertThat(items).extracting(NormalItem::itemId).containsExactly("early", "late");
    }

    @Test
    void mapsExchangeFreeBusyNames() {
        assertThat(Busy.fromExchange("Free")).isEqualTo(Busy.FREE);
        assertThat(Busy.fromExchange("Tentative")).isEqualTo(Busy.TENTATIVE);
        assertThat(Busy.fromExchange("Busy")).isEqualTo(Busy.BUSY);
        assertThat(Busy.fromExchange("OOF")).isEqualTo(Busy.OOF);
        assertThat(Busy.fromExchange("WorkingElsewhere")).isEqualTo(Busy.WORKING_ELSEWHERE);
        assertThat(Busy.fromExchange("NoData")).isEqualTo(Busy.BUSY);
    }

    @Test
    void mapsWindowsAndIanaZoneIds() {
        assertThat(TimeZones.toIana("Romance Standard Time")).contains(ZoneId.of("Europe/Paris"));
        assertThat(TimeZones.toIana("Europe/Oslo")).contains(ZoneId.of("Europe/Oslo"));
        assertThat(TimeZones.toIana("Nowhere Standard Time")).isEmpty();
        assertThat(TimeZones.toIana(null)).isEmpty();
    }

    @Test
    void theMatchedCodeAndCategoryArePublishedWithoutTheSubjectUnlessShared() {
        RawItem raw = new RawItem("a", "ck-a", Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"),
                false, null, "Free", "Normal", false, null, null, null, "MØT", ";", "Ferie");
        NormalItem item = new Normaliser(false, OSLO).normalise(raw);
        assertThat(item.subject()).isNull();
        assertThat(item.subjectCode()).isEqualTo("MØT");
        assertThat(item.subjectCodeMark()).isEqualTo(";");
        assertThat(item.category()).isEqualTo("Ferie");
        assertThat(item.busy()).as("sync publishes Exchange's own free/busy; routing applies the code").isEqualTo(Busy.FREE);
    }
}
