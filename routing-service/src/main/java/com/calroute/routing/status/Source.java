package com.calroute.routing.status;

/**
 * Why a status is what it is. {@code UNKNOWN} means the calendar says nothing about that time: it lies outside
 * the window the sync last reported, or the sync has never reported for the user.
 */
public enum Source {
    CALENDAR, OVERRIDE, DEFAULT, UNKNOWN
}
