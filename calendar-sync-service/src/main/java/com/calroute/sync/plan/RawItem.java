package com.calroute.sync.plan;

import java.time.Instant;

/**
 * One calendar item as read from Exchange, before any privacy or time-zone rules: neutral of the client library so
 * the rules can be tested without it. {@code timeZone} is what Exchange revealed (a Windows or IANA id) or null;
 * {@code freeBusy} and {@code sensitivity} are Exchange's names.
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
        String location) {

    @Override
    public String toString() {
        // Subjects and locations are personal data: keep them out of any log line that prints an item.
        return "RawItem[itemId=" + itemId + ", start=" + start + ", end=" + end + ", allDay=" + allDay
                + ", freeBusy=" + freeBusy + ", sensitivity=" + sensitivity + ", cancelled=" + cancelled + "]";
    }
}
