package com.calroute.contracts.calendar;

/**
 * How the mailbox's owner answered a meeting (EWS {@code MyResponseType}, Graph {@code responseStatus.response}).
 * Absent (null) for an appointment that is not a meeting, or when Exchange does not say: the item counts as shown.
 */
public enum ResponseType {
    /** The owner organises the meeting: it counts as shown. */
    ORGANIZER,
    ACCEPTED,
    TENTATIVE,
    /** Declined but left in the calendar: never counts. */
    DECLINED,
    /** An invitation not answered yet: counts as the owner chose ({@code UnansweredInvitations}). */
    NOT_RESPONDED
}
