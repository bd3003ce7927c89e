package com.calroute.contracts.calendar;

import com.calroute.contracts.BusyType;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One normalised calendar item (an occurrence for recurring series). {@code start}/{@code end} are UTC
 * instants. All-day items also carry {@code startDate}/{@code endDate} (end exclusive) and, where Exchange
 * reveals it, the item's IANA {@code timeZone}. {@code subject}/{@code location} are null unless the tenant
 * shares subjects, and always null for PRIVATE items. {@code response} is how the owner answered a meeting, null
 * for anything else (readers of an older producer see null: the item counts as shown). {@code subjectCode} is the
 * tenant's subject code the subject starts with and {@code subjectCodeMark} the mark after it ({@code :} diverts,
 * {@code ;} only shows the status); {@code category} is the first of the item's Outlook categories the tenant defines,
 * by the tenant's spelling. Only the matched code or name leaves sync, never the subject or the other categories;
 * null when none matched (and from producers that predate them).
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
        String location,
        ResponseType response,
        String subjectCode,
        String subjectCodeMark,
        String category) {
}
