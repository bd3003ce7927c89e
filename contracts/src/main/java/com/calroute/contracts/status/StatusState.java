package com.calroute.contracts.status;

/**
 * A user's call-handling state. {@code OUTSIDE_WORKING_HOURS} is weaker than every calendar busy type: the mailbox's
 * working hours decide only where nothing else does.
 */
public enum StatusState {
    AVAILABLE, OUTSIDE_WORKING_HOURS, TENTATIVE, BUSY, OOF, WORKING_ELSEWHERE, OVERRIDE
}
