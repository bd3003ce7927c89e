package com.calroute.routing.status;

/** How an employee's invitations not yet answered count for their calls. */
public enum UnansweredInvitations {
    /** As the calendar shows them. */
    AS_SHOWN,
    /** As tentative at most (free ones stay free). */
    TENTATIVE,
    /** Not at all, until answered. */
    IGNORE
}
