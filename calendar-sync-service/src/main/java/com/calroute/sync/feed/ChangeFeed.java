package com.calroute.sync.feed;

import com.calroute.contracts.connection.ExchangeConnection;

import java.util.Map;

/**
 * One tenant's change notifications from Exchange — EWS streaming groups or Graph subscriptions — so a mailbox's
 * change is read within seconds, not at the next safety poll.
 */
public interface ChangeFeed extends AutoCloseable {

    /**
     * Follows exactly {@code userByMailbox}'s mailboxes (lower-case address → user id) over {@code connection}:
     * newcomers are subscribed, leavers dropped. Returns quickly; the work happens on the feed's own threads.
     */
    void follow(ExchangeConnection connection, Map<String, String> userByMailbox);

    /** Stops following everything; does not wait. */
    @Override
    void close();
}
