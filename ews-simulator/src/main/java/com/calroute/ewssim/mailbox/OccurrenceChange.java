package com.calroute.ewssim.mailbox;

import java.time.Instant;

/**
 * The fields of one modified occurrence (an Exchange "exception") that differ from its series.
 * A null field inherits the series value.
 */
public record OccurrenceChange(
        String subject,
        String location,
        Instant start,
        Instant end,
        FreeBusyStatus freeBusy,
        Sensitivity sensitivity,
        Boolean cancelled,
        String changeKey,
        Instant lastModified) {

    /** Overlays {@code newer}'s non-null fields on this change. */
    public OccurrenceChange merge(OccurrenceChange newer) {
        return new OccurrenceChange(
                newer.subject != null ? newer.subject : subject,
                newer.location != null ? newer.location : location,
                newer.start != null ? newer.start : start,
                newer.end != null ? newer.end : end,
                newer.freeBusy != null ? newer.freeBusy : freeBusy,
                newer.sensitivity != null ? newer.sensitivity : sensitivity,
                newer.cancelled != null ? newer.cancelled : cancelled,
                newer.changeKey != null ? newer.changeKey : changeKey,
                newer.lastModified != null ? newer.lastModified : lastModified);
    }
}
