package com.calroute.sync.plan;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One item as it is published: UTC start/end, local dates and IANA zone for all-day items, and subject/location
 * only where the privacy rules allow; how the owner answered a meeting (null for anything else); the tenant's subject
 * code (with its mark) and category the item matched, never the subject they were found in.
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
        String location,
        Response response,
        String subjectCode,
        String subjectCodeMark,
        String category) {

    /** An item that matched no code or category. */
    public NormalItem(String itemId, String changeKey, Instant start, Instant end, boolean allDay, LocalDate startDate,
                      LocalDate endDate, String timeZone, Busy busy, Privacy privacy, boolean cancelled, String subject,
                      String location, Response response) {
        this(itemId, changeKey, start, end, allDay, startDate, endDate, timeZone, busy, privacy, cancelled, subject,
                location, response, null, null, null);
    }

    @Override
    public String toString() {
        return "NormalItem[itemId=" + itemId + ", start=" + start + ", end=" + end + ", allDay=" + allDay
                + ", busy=" + busy + ", privacy=" + privacy + ", cancelled=" + cancelled + ", response=" + response
                + ", subject=" + (subject == null ? "none" : "<redacted>") + ", subjectCode=" + subjectCode
                + subjectCodeMark + ", category=" + category + "]";
    }
}
