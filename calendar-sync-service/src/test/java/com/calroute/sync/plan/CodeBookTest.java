package com.calroute.sync.plan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Subject codes and categories as Nordic switchboards use them, and Exchange's text treated as hostile input. */
class CodeBookTest {

    private static final CodeBook BOOK = new CodeBook(List.of("MØT", "FER", "SYK"), List.of("Ferie", "Fokustid"));

    @Test
    void aCodeAtTheStartFollowedByColonDivertsAndBySemicolonOnlyShows() {
        assertThat(BOOK.match("MØT: Budsjett", null)).isEqualTo(new CodeBook.Match("MØT", ":", null));
        assertThat(BOOK.match("MØT; Budsjett", null)).isEqualTo(new CodeBook.Match("MØT", ";", null));
        assertThat(BOOK.match("FER:", null)).isEqualTo(new CodeBook.Match("FER", ":", null));
    }

    @Test
    void theTenantsSpellingComesOutWhateverCaseTheSubjectUsesAndLeadingBlanksAreSkipped() {
        assertThat(BOOK.match("  møt:budsjett", null)).isEqualTo(new CodeBook.Match("MØT", ":", null));
        assertThat(BOOK.match("Syk;", null)).isEqualTo(new CodeBook.Match("SYK", ";", null));
    }

    @Test
    void aCodeElsewhereWithoutItsMarkOrUnknownMatchesNothing() {
        assertThat(BOOK.match("Budsjett MØT: neste uke", null)).isEqualTo(CodeBook.Match.NONE);
        assertThat(BOOK.match("MØT Budsjett", null)).isEqualTo(CodeBook.Match.NONE);
        assertThat(BOOK.match("MØTE: Budsjett", null)).isEqualTo(CodeBook.Match.NONE);
        assertThat(BOOK.match("XYZ: Budsjett", null)).isEqualTo(CodeBook.Match.NONE);
        assertThat(BOOK.match(":MØT", null)).isEqualTo(CodeBook.Match.NONE);
        assertThat(BOOK.match("", null)).isEqualTo(CodeBook.Match.NONE);
        assertThat(BOOK.match(null, null)).isEqualTo(CodeBook.Match.NONE);
    }

    @Test
    void theFirstOfTheItemsCategoriesTheTenantDefinesWinsByTheTenantsSpelling() {
        assertThat(BOOK.match(null, List.of("Rød kategori", "fokustid", "Ferie")))
                .isEqualTo(new CodeBook.Match(null, null, "Fokustid"));
        assertThat(BOOK.match("MØT; x", List.of("FERIE"))).isEqualTo(new CodeBook.Match("MØT", ";", "Ferie"));
        assertThat(BOOK.match(null, List.of("Rød kategori"))).isEqualTo(CodeBook.Match.NONE);
    }

    @Test
    void hostileInputIsBounded() {
        String longSubject = " ".repeat(100_000) + "MØT: x";
        assertThat(BOOK.match(longSubject, null)).isEqualTo(CodeBook.Match.NONE);
        assertThat(BOOK.match("M".repeat(1_000_000) + ":", null)).isEqualTo(CodeBook.Match.NONE);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add("junk" + i);
        }
        many.add("Ferie");
        assertThat(BOOK.match(null, many)).isEqualTo(CodeBook.Match.NONE);
        assertThat(BOOK.match(null, List.of("F".repeat(300), "Ferie"))).isEqualTo(new CodeBook.Match(null, null, "Ferie"));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        withNull.add("Ferie");
        assertThat(BOOK.match(null, withNull)).isEqualTo(new CodeBook.Match(null, null, "Ferie"));
    }

    @Test
    void anEmptyBookNeedsNeitherSubjectsNorCategoriesAndItsFingerprintFollowsItsContent() {
        assertThat(CodeBook.NONE.needsSubjects()).isFalse();
        assertThat(CodeBook.NONE.needsCategories()).isFalse();
        assertThat(CodeBook.NONE.fingerprint()).isEmpty();
        assertThat(new CodeBook(List.of(), List.of("Ferie")).needsSubjects()).isFalse();
        assertThat(new CodeBook(List.of(), List.of("Ferie")).needsCategories()).isTrue();
        assertThat(BOOK.fingerprint()).isEqualTo(new CodeBook(List.of("MØT", "FER", "SYK"), List.of("Ferie", "Fokustid"))
                .fingerprint()).isNotEqualTo(new CodeBook(List.of("MØT"), List.of()).fingerprint()).hasSize(64);
    }
}
