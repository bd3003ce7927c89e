package com.calroute.config.rules;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** Rules for tenant fields: the operator-chosen slug and the IANA time zone. */
public final class TenantRules {

    /** The time zone of a tenant that did not name one. */
    public static final String DEFAULT_TIME_ZONE = "Europe/Oslo";

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private TenantRules() {
    }

    public static boolean isSlug(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    /** True for region-based IANA zone ids (e.g. Europe/Oslo, UTC); offsets like +01:00 are not tenant zones. */
    public static boolean isIanaZone(String value) {
        if (value == null || value.isBlank() || value.startsWith("+") || value.startsWith("-")) {
            return false;
        }
        try {
            return ZoneId.getAvailableZoneIds().contains(value) && ZoneId.of(value) != null;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
