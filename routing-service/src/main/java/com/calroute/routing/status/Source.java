package com.calroute.routing.status;

/**
 * Why a status is what it is: a calendar item, the mailbox's automatic replies, its working hours, an override, or
 * nothing. {@code UNKNOWN} means the calendar says nothing about that time: it lies outside the window the sync last
 * reported, or the sync has never reported for the user.
 */
public enum Source {
    CALENDAR, AUTOMATIC_REPLIES, WORKING_HOURS, OVERRIDE, DEFAULT, UNKNOWN
}
