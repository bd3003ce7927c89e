package com.calroute.sync.plan;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One item as it is published: UTC start/end, local dates and IANA zone for all-day items, and subject/location
 * only where the privacy rules allow.
 */
public record NormalItem(
        String itemId,
        String changeKey,
        Instant start,
        Instant end,
        boolean allDay,
        LocalDate startDate,
        LocalDate endDate,
        String timeZone,
        Busy busy,
        Privacy privacy,
        boolean cancelled,
        String subject,
        String location) {

    @Override
    public String toString() {
        return "NormalItem[itemId=" + itemId + ", start=" + start + ", end=" + end + ", allDay=" + allDay
                + ", busy=" + busy + ", privacy=" + privacy + ", cancelled=" + cancelled
                + ", subject=" + (subject == null ? "none" : "<redacted>") + "]";
    }
}
