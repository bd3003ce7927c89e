package com.calroute.contracts.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A value on {@code calroute.calendar.v1}: the mailbox's complete normalised item list for the sync window,
 * so the latest message per key is the whole truth. {@code calendarAsOf} is when Exchange was last read
 * successfully. {@code syncEnabled=false} with no items is the empty calendar published on opt-out.
 * {@code automaticReplies} is the mailbox's automatic-reply state as last polled, null while not known (or from a
 * producer that predates it). {@code workingHours} are the mailbox's working hours as last polled, null while not
 * known (or from a producer that predates them).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CalendarMessage(
        String schema,
        long version,
        String tenantId,
        String userId,
        Instant windowStart,
        Instant windowEnd,
        Instant calendarAsOf,
        boolean syncEnabled,
        List<CalendarItem> items,
        Instant publishedAt,
        AutomaticReplies automaticReplies,
        WorkingHours workingHours) {

    /** The value of the {@code schema} field. */
    public static final String SCHEMA = "calroute.calendar.v1";
}
