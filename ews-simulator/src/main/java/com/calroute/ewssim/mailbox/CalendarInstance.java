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

    /** Which items a time range [from, to) takes in. */
    public enum Range {
        /** Items with a part inside the range (a zero-length item at its start included): Graph's calendar view. */
        OVERLAPPING,
        /**
         * EWS CalendarView: every item except those ending before StartDate or starting on or after EndDate, so an
         * item ending exactly at StartDate is in (CalendarView element reference, StartDate and EndDate).
         */
        EWS_CALENDAR_VIEW
    }

    public boolean overlaps(Instant from, Instant to) {
        return within(Range.OVERLAPPING, from, to);
    }

    public boolean within(Range range, Instant from, Instant to) {
        if (range == Range.EWS_CALENDAR_VIEW) {
            return !end.isBefore(from) && start.isBefore(to);
        }
        if (start.equals(end)) {
            return !start.isBefore(from) && start.isBefore(to);
        }
        return start.isBefore(to) && end.isAfter(from);
    }
}
