package com.calroute.sync.plan;

import java.time.Instant;

/**
 * One calendar item as read from Exchange, before any privacy or time-zone rules: neutral of the client library so
 * the rules can be tested without it. {@code timeZone} is what Exchange revealed (a Windows or IANA id) or null;
 * {@code freeBusy}, {@code sensitivity} and {@code response} (how the owner answered a meeting) are Exchange's names.
 * {@code subjectCode}/{@code subjectCodeMark}/{@code category} are what the reader found of the tenant's
 * {@link CodeBook} in the subject and categories, which it forgets right there unless the subject is shared.
 */
public record RawItem(
        String itemId,
        String changeKey,
        Instant start,
        Instant end,
        boolean allDay,
        String timeZone,
        String freeBusy,
        String sensitivity,
        boolean cancelled,
        String subject,
        String location,
        String response,
        String subjectCode,
        String subjectCodeMark,
        String category) {

    /** An item that matched no code or category. */
    public RawItem(String itemId, String changeKey, Instant start, Instant end, boolean allDay, String timeZone,
                   String freeBusy, String sensitivity, boolean cancelled, String subject, String location,
                   String response) {
        this(itemId, changeKey, start, end, allDay, timeZone, freeBusy, sensitivity, cancelled, subject, location,
                response, null, null, null);
    }

    @Override
    public String toString() {
        // Subjects and locations are personal data: keep them out of any log line that prints an item.
        return "RawItem[itemId=" + itemId + ", start=" + start + ", end=" + end + ", allDay=" + allDay
                + ", freeBusy=" + freeBusy + ", sensitivity=" + sensitivity + ", cancelled=" + cancelled + ", response=" + response
                + ", subjectCode=" + subjectCode + subjectCodeMark + ", category=" + category + "]";
    }
}
