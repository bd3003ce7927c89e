package com.calroute.routing.status;

/**
 * A user's call-handling state: the winning busy type, a manual override, outside the mailbox's working hours (weaker
 * than every busy type), or available.
 */
public enum State {
    AVAILABLE, OUTSIDE_WORKING_HOURS, TENTATIVE, BUSY, OOF, WORKING_ELSEWHERE, OVERRIDE
}
