package com.calroute.ewssim.soap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** An xs:dateTime of a request: with an offset ({@code Z}, {@code +01:00}) as given, without one as the operation reads it. */
public final class XsDateTime {

    private XsDateTime() {
    }

    /**
     * The instant {@code text} names; an unzoned value goes through {@code unzoned} (each operation has its own rule:
     * UTC for FindItem and the OOF duration, the request's time zone for availability).
     *
     * @throws DateTimeParseException when the text is no xs:dateTime
     */
    public static Instant parse(String text, Function<LocalDateTime, Instant> unzoned) {
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return unzoned.apply(LocalDateTime.parse(value));
        }
    }
}
