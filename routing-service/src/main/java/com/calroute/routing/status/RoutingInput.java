package com.calroute.routing.status;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything a user's status depends on. {@code calendar} is null while the sync has never reported;
 * {@code override} is null when none is set; {@code switchboardNumber} is null while the tenant is unknown;
 * {@code meanings} are what the tenant's subject codes and categories mean (null: none).
 */
public record RoutingInput(StatusSettings settings, ManualOverride override, CalendarSnapshot calendar, ZoneId tenantZone,
                           String switchboardNumber, ItemMeanings meanings) {

    /** Requires settings and a zone to place all-day items in. */
    public RoutingInput {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tenantZone, "tenantZone");
        meanings = meanings == null ? ItemMeanings.NONE : meanings;
    }

    /** Input for a tenant that defines no subject codes or categories. */
    public RoutingInput(StatusSettings settings, ManualOverride override, CalendarSnapshot calendar, ZoneId tenantZone,
                        String switchboardNumber) {
        this(settings, override, calendar, tenantZone, switchboardNumber, ItemMeanings.NONE);
    }
}
