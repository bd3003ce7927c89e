package com.calroute.sync.feed;

/** Makes a tenant's change feed. */
@FunctionalInterface
public interface ChangeFeedFactory {

    /** A feed for one tenant that reports to {@code listener}. */
    ChangeFeed forTenant(String tenantId, ChangeListener listener);
}
