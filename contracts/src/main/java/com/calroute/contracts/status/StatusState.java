package com.calroute.contracts.status;

/** A user's call-handling state. */
public enum StatusState {
    AVAILABLE, TENTATIVE, BUSY, OOF, WORKING_ELSEWHERE, OVERRIDE
}
