package com.calroute.contracts.users;

/** How an employee's invitations not yet answered count for their calls; absent means {@link #AS_SHOWN}. */
public enum UnansweredInvitations {
    /** As the calendar shows them (Exchange shows a new invitation as tentative or busy). */
    AS_SHOWN,
    /** As tentative at most, whatever they show. */
    TENTATIVE,
    /** Not at all, until answered. */
    IGNORE
}
