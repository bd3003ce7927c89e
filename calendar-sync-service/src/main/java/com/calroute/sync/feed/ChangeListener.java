package com.calroute.sync.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** What a tenant's change feed tells the scheduler; called on the feed's own threads. */
public interface ChangeListener {

    /** Exchange notified a change in {@code mailbox}'s calendar at {@code notedAt}. */
    void changed(String mailbox, Instant notedAt);

    /**
     * {@code mailboxes} are followed as of {@code since} (each was followed by then); a change before that may have
     * been missed, so a mailbox whose read started earlier is read again.
     */
    void subscribed(Set<String> mailboxes, Instant since);

    /**
     * The feed cannot deliver {@code mailboxes}' changes for now (its connection broke or is refused, and it retries
     * by itself): they are polled meanwhile, after live and first reads.
     */
    void lagging(Set<String> mailboxes);

    /**
     * The feed cannot follow {@code mailboxes} now (beyond Exchange's budget, refused): they are read at once and
     * then by the safety poll. With {@code askAgainAfter} the feed wants another {@link ChangeFeed#follow} call
     * that long from now; null leaves that to the next change of membership.
     */
    void unfollowed(Set<String> mailboxes, Duration askAgainAfter);
}
