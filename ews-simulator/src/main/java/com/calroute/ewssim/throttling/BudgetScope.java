package com.calroute.ewssim.throttling;

/**
 * Whose recharging budget (EwsMaxBurst / EwsRechargeRate) pays for a request that impersonates a mailbox.
 *
 * <p>Microsoft's "EWS throttling in Exchange" (Throttling considerations for applications that use EWS impersonation)
 * and the Exchange team's "More throttling changes for Exchange Online" (2012): from Exchange 2010 SP2 RU4 on, and in
 * Exchange 2013, 2016 and Online, impersonated calls are charged to a copy of the target mailbox's budget, shared by
 * every service account that impersonates that mailbox (and apart from the mailbox owner's own); before that, to the
 * calling account.
 */
public enum BudgetScope {
    /** The calling service account pays for every request (Exchange 2010 to SP2 before RU4). */
    ACCOUNT,
    /** An impersonated request spends the target mailbox's impersonation budget (Exchange 2013 and later, Online). */
    TARGET_MAILBOX;

    /** Parses {@code ACCOUNT} or {@code TARGET_MAILBOX} (any case). */
    public static BudgetScope parse(String name) {
        for (BudgetScope scope : values()) {
            if (scope.name().equalsIgnoreCase(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown budgetScope: " + name + " (one of ACCOUNT, TARGET_MAILBOX)");
    }
}
