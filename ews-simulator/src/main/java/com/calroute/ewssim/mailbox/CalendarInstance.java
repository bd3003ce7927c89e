package com.calroute.ewssim.mailbox;

import java.time.Instant;

/**
 * One item as a calendar view or GetItem sees it: a single appointment, an occurrence or exception of a
 * series (with its own occurrence id), or the recurring master itself.
 */
public record CalendarInstance(
        Kind kind,
        String itemId,
        String changeKey,
        Appointment master,
        Instant originalStart,
        Instant start,
        Instant end,
        String subject,
        String location,
        FreeBusyStatus freeBusy,
        Sensitivity sensitivity,
        boolean cancelled,
        Instant lastModified) {

    /** Exchange's CalendarItemType values. */
    public enum Kind {
        SINGLE("Single"), OCCURRENCE("Occurrence"), EXCEPTION("Exception"), RECURRING_MASTER("RecurringMaster");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public boolean overlaps(Instant from, Instant to) {
        if (start.equals(end)) {
            return !start.isBefore(from) && start.isBefore(to);
        }
        return start.isBefore(to) && end.isAfter(from);
    }
}
