package com.calroute.routing.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast path reads exactly what the JDK reads, and leaves every other text to it. */
class IsoInstantsTest {

    /** Year 0000 to 9999, the plain shape's range. */
    static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Property
    void everyPlainInstantIsReadAsTheJdkReadsIt(@ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L)
                                                long epochSecond, @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                                @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        String text = Instant.ofEpochSecond(epochSecond).toString().replace("Z", "");
        if (fractionDigits > 0) {
            text += "." + String.format("%09d", nanos).substring(0, fractionDigits);
        }
        text += "Z";

        Instant fast = IsoInstants.parsePlain(text);

        assertThat(fast).isNotNull().isEqualTo(Instant.parse(text));
    }

    @Property(tries = 5000)
    void whateverTheFastPathReadsTheJdkReadsTheSame(@ForAll("nearlyInstants") String text) {
        Instant fast = IsoInstants.parsePlain(text);
        if (fast != null) {
            assertThat(Instant.parse(text)).isEqualTo(fast);
        }
    }

    @Provide
    Arbitrary<String> nearlyInstants() {
        // A plain instant with a few of its characters replaced by ones the shape holds elsewhere, or cut short.
        Arbitrary<String> plain = Arbitraries.longs().between(FIRST, LAST)
                .map(second -> Instant.ofEpochSecond(second, (second % 7) * 1_000_000L).toString());
        return plain.flatMap(text -> Arbitraries.integers().between(0, text.length() - 1).list().ofMaxSize(3)
                .flatMap(positions -> Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', 'T', 'Z', '.', 'z', ' ', '+')
                        .list().ofSize(positions.size()).map(chars -> {
                            StringBuilder changed = new StringBuilder(text);
                            for (int i = 0; i < positions.size(); i++) {
                                changed.setCharAt(positions.get(i), chars.get(i));
                            }
                            return changed.toString();
                        })));
    }

    @Test
    void shapesTheJdkReadsDifferentlyAreLeftToIt() {
        for (String text : List.of("2026-12-06t09:00:00z", "2026-12-06T24:00:00Z", "2026-06-30T23:59:60Z",
                "2026-12-06T09:00:00+01:00", "2026-12-06T09:00:00.Z", "2026-12-06T09:00:00.1234567890Z",
                " 2026-12-06T09:00:00Z", "+12026-12-06T09:00:00Z", "2026-12-06T09:00Z")) {
            assertThat(IsoInstants.parsePlain(text)).as(text).isNull();
        }
    }

    @Test
    void aDateThatDoesNotExistIsTheJdksError() {
        assertThat(IsoInstants.parsePlain("2026-02-29T10:00:00Z")).isNull();
        assertThatThrownBy(() -> Instant.parse("2026-02-29T10:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThat(IsoInstants.parsePlain("2028-02-29T10:00:00Z")).isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
    }

    @Test
    void theTopicMapperReadsInstantsOfEveryShapeAsBefore() {
        ObjectMapper fast = TopicJson.mapper();
        ObjectMapper before = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        for (String json : List.of("\"2026-12-06T09:00:00Z\"", "\"2026-12-06T09:00:00.5Z\"", "\"2026-12-06t09:00:00z\"",
                "\"2026-12-06T10:00:00+01:00\"", "\"2026-12-06T24:00:00Z\"", "\"2026-02-29T10:00:00Z\"", "\"\"",
                "\" 2026-12-06T09:00:00Z \"", "1765011600", "1765011600.5", "true")) {
            assertThat(outcome(fast, json)).as(json).isEqualTo(outcome(before, json));
        }
    }

    /** The instant read, or the kind of error reading it gave. */
    private static Object outcome(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Instant.class));
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }
}
