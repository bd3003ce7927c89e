package com.calroute.contracts.calendar;

import com.calroute.contracts.BusyType;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One normalised calendar item (an occurrence for recurring series). {@code start}/{@code end} are UTC
 * instants. All-day items also carry {@code startDate}/{@code endDate} (end exclusive) and, where Exchange
 * reveals it, the item's IANA {@code timeZone}. {@code subject}/{@code location} are null unless the tenant
 * shares subjects, and always null for PRIVATE items.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalendarItem(
        String itemId,
        String changeKey,
        Instant start,
        Instant end,
        boolean allDay,
        LocalDate startDate,
        LocalDate endDate,
        String timeZone,
        BusyType busyType,
        Sensitivity sensitivity,
        boolean cancelled,
        String subject,
        String location) {
}
