package com.calroute.contracts.status;

/** Why a status is what it is: a calendar item, a manual override, the default, or no calendar knowledge. */
public enum ReasonSource {
    CALENDAR, OVERRIDE, DEFAULT, UNKNOWN
}
