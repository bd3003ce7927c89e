package com.calroute.contracts.status;

/**
 * Why a status is what it is: a calendar item, the mailbox's automatic replies, its working hours, a manual override, the
 * default, or no calendar knowledge.
 */
public enum ReasonSource {
    CALENDAR, AUTOMATIC_REPLIES, WORKING_HOURS, OVERRIDE, DEFAULT, UNKNOWN
}
