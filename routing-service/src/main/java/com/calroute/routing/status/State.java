package com.calroute.routing.status;

/** A user's call-handling state: the winning busy type, a manual override, or available. */
public enum State {
    AVAILABLE, TENTATIVE, BUSY, OOF, WORKING_ELSEWHERE, OVERRIDE
}
