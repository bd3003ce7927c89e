package com.calroute.routing.decisions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision log keeps only a caller's last 3 digits. */
class CallerMaskTest {

    @Test
    void keepsOnlyTheLastThreeDigits() {
        assertThat(CallerMask.mask("+4791234567")).isEqualTo("…567");
        assertThat(CallerMask.mask("+46701234008")).isEqualTo("…008");
    }

    @Test
    void noCallerStaysNoCaller() {
        assertThat(CallerMask.mask(null)).isNull();
        assertThat(CallerMask.mask("")).isNull();
    }

    @Test
    void neverKeepsMoreThanThreeDigitsOfAShortNumber() {
        assertThat(CallerMask.mask("+12")).isEqualTo("…12");
        assertThat(CallerMask.mask("+4712345")).doesNotContain("4712").isEqualTo("…345");
        assertThat(CallerMask.mask("+")).isEqualTo("…");
    }

    @Test
    void leadingZerosOfTheKeptDigitsStayAndEveryMaskIsTheSameStringEachTime() {
        assertThat(CallerMask.mask("+4791234000")).isEqualTo("…000");
        assertThat(CallerMask.mask("+4791234007")).isEqualTo("…007");
        assertThat(CallerMask.mask("+47912")).isEqualTo("…912");
        assertThat(CallerMask.mask("+4791234567")).isSameAs(CallerMask.mask("+4798765567"));
    }
}
