package com.calroute.ewssim.soap;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XsDateTimeTest {

    @Test
    void anOffsetIsTakenAsGivenAndAnUnzonedValueAsTheOperationReadsIt() {
        assertThat(XsDateTime.parse("2026-03-29T01:30:00Z", local -> Instant.EPOCH))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(XsDateTime.parse(" 2026-03-29T03:30:00+02:00 ", local -> Instant.EPOCH))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(XsDateTime.parse("2026-03-29T03:30:00", local -> local.toInstant(ZoneOffset.ofHours(1))))
                .isEqualTo(Instant.parse("2026-03-29T02:30:00Z"));
    }

    @Test
    void noDateTimeIsRefused() {
        assertThatThrownBy(() -> XsDateTime.parse("tomorrow", local -> Instant.EPOCH))
                .isInstanceOf(DateTimeParseException.class);
    }
}
