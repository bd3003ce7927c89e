package com.calroute.routing.status;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything a user's status depends on. {@code calendar} is null while the sync has never reported;
 * {@code override} is null when none is set; {@code switchboardNumber} is null while the tenant is unknown.
 */
public record RoutingInput(StatusSettings settings, ManualOverride override, CalendarSnapshot calendar, ZoneId tenantZone,
                           String switchboardNumber) {

    /** Requires settings and a zone to place all-day items in. */
    public RoutingInput {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tenantZone, "tenantZone");
    }
}
