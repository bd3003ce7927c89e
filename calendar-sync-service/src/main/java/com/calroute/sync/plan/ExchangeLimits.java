package com.calroute.sync.plan;

/**
 * What an Exchange server of a given version allows one service account, and what we therefore use: concurrent
 * requests stay a little below EWSMaxConcurrency (27; 10 on Exchange 2010), and streaming connections are charged
 * to each group's anchor mailbox (3 per anchor on 2013, 10 on 2016+ and Online) — one connection per group keeps
 * every anchor inside its budget. Exchange 2010 SP1/SP2 charge hanging connections to the service account itself
 * (HangingConnectionLimit, 10 by default), so there the number of streamed groups is capped; Exchange 2010 RTM has
 * no streaming notifications at all, so its mailboxes rely on the safety poll.
 */
public record ExchangeLimits(int maxConcurrency, int connectionsPerAnchor, int accountConnectionLimit) {

    /** Head-room left below Exchange's concurrency limit for the streaming subscribe calls and the tester. */
    static final int CONCURRENCY_HEADROOM = 2;

    /** The limits for an {@code exchangeVersion} as configured for the tenant ({@code Exchange2010} ... {@code Exchange2013_SP1}). */
    public static ExchangeLimits forVersion(String exchangeVersion) {
        String version = exchangeVersion == null ? "" : exchangeVersion;
        if (version.equals("Exchange2010") || version.startsWith("Exchange2007")) {
            return new ExchangeLimits(10, 0, 0);
        }
        if (version.startsWith("Exchange2010")) {
            return new ExchangeLimits(10, 10, 10);
        }
        if (version.equals("Exchange2013")) {
            return new ExchangeLimits(27, 3, Integer.MAX_VALUE);
        }
        // Exchange2013_SP1 is also what 2016, 2019 and SE speak; they have the larger per-anchor budget, but we use
        // one connection per anchor so the smaller 2013 budget is never the limit.
        return new ExchangeLimits(27, 10, Integer.MAX_VALUE);
    }

    /** The concurrency cap to use: the configured one, but always below Exchange's limit. */
    public int concurrencyCap(int configured) {
        return Math.max(1, Math.min(configured, maxConcurrency - CONCURRENCY_HEADROOM));
    }

    /** How many groups may stream at once: the configured cap, within the account-wide hanging-connection limit. */
    public int streamedGroupCap(int configured) {
        return Math.max(0, Math.min(configured, accountConnectionLimit - 1));
    }
}
