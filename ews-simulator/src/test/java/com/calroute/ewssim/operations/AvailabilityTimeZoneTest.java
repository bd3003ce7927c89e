package com.calroute.ewssim.operations;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The availability time zone against Java's own rules: what {@code of} describes a zone as must give the zone's offset
 * on both sides of each change, north (Oslo) and south (Sydney) of the equator, and for a zone without daylight time.
 */
class AvailabilityTimeZoneTest {

    @Test
    void describesAZoneSoThatItsOffsetsAreTheZonesOwnAroundEveryChange() {
        for (String id : new String[] {"Europe/Oslo", "America/New_York", "Australia/Sydney", "Asia/Kolkata"}) {
            ZoneId zone = ZoneId.of(id);
            AvailabilityTimeZone described = AvailabilityTimeZone.of(zone, 2027);
            for (Instant at = Instant.parse("2027-01-01T00:30:00Z"); at.isBefore(Instant.parse("2028-01-01T00:00:00Z"));
                 at = at.plusSeconds(3600)) {
                ZoneOffset expected = zone.getRules().getOffset(at);
                assertThat(described.offsetAt(at)).as("%s at %s", id, at).isEqualTo(expected);
            }
        }
    }
}
