package com.calroute.sync.feed;

import java.time.Instant;
import java.util.Collection;

/**
 * Where each user's live change notifications stand, for sync health: live, or lagging since a moment (the feed's
 * connection broke or was refused and it is retrying; the user is polled meanwhile, so changes arrive late).
 */
public interface FeedHealth {

    /** Records nothing (tests, and services run without health). */
    FeedHealth NONE = new FeedHealth() {
        @Override
        public void lagging(String tenantId, Collection<String> userIds, Instant since) {
        }

        @Override
        public void live(String tenantId, Collection<String> userIds) {
        }
    };

    /** The users' notifications are not arriving as of {@code since} (an earlier start is kept). */
    void lagging(String tenantId, Collection<String> userIds, Instant since);

    /** The users' notifications arrive again (or were never interrupted). */
    void live(String tenantId, Collection<String> userIds);
}
