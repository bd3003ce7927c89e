package com.calroute.config.rules;

import com.calroute.contracts.Patterns;

import java.time.DateTimeException;
import java.time.ZoneId;

/** Rules for tenant fields: the operator-chosen slug (the contract's tenant id) and the IANA time zone. */
public final class TenantRules {

    /** The time zone of a tenant that did not name one. */
    public static final String DEFAULT_TIME_ZONE = "Europe/Oslo";

    private TenantRules() {
    }

    public static boolean isSlug(String value) {
        return Patterns.isTenantId(value);
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
