package com.calroute.routing.status;

/**
 * How the calendar's owner answered a meeting; null for an appointment that is not a meeting (or when Exchange did
 * not say), which counts as shown.
 */
public enum Response {
    ORGANIZER, ACCEPTED, TENTATIVE,
    /** Declined but kept in the calendar: never counts. */
    DECLINED,
    /** Not answered yet: counts as the owner chose ({@link UnansweredInvitations}). */
    NOT_RESPONDED
}
