package com.calroute.sync.plan;

import com.calroute.sync.plan.PublishDecision.LastPublished;

import java.time.Duration;

/**
 * How long a mailbox's first read here waits for its change feed. A mailbox newly opted in (or met with a new
 * address) waits until the feed follows it, {@code feedFallback} at most: it is read once, after its subscription,
 * so no change between read and subscription can slip by. A mailbox taken over from a dead or departing replica (a
 * users.v1 partition assigned: restart, rebalance) whose calendar is on the topic is read at once instead: routing
 * acts on that calendar now, and whatever changed in Exchange while nobody synced it is missing from it. Waiting for
 * the subscriptions would hold that news back while thousands of mailboxes subscribe at once (#14: 11–14 s after
 * readiness with 21,200 mailboxes). The feed's {@code subscribed} report reads such a mailbox once more when its
 * read started before the subscription was in place, so a change made in between is still read — a second read
 * per mailbox on a hand-over, at the same bulk urgency as first reads, so live changes still go first. A tombstone
 * on the topic is no calendar: that mailbox waits like a new one.
 */
public final class FirstReads {

    private final Duration feedFallback;

    /** {@code feedFallback}: how long a first read waits for the feed at most. */
    public FirstReads(Duration feedFallback) {
        this.feedFallback = feedFallback;
    }

    /**
     * The wait before the first read of a mailbox that just arrived here. {@code feedFollows}: the tenant has a change
     * feed that will report the mailbox subscribed; {@code handedOver}: it arrived with its users.v1 partition, not
     * as a live opt-in or address change; {@code onTopic}: what the calendar topic holds for it (null: nothing).
     */
    public Duration delay(boolean feedFollows, boolean handedOver, LastPublished onTopic) {
        if (!feedFollows) {
            return Duration.ZERO;
        }
        boolean routingHoldsACalendar = onTopic != null && !onTopic.tombstone();
        return handedOver && routingHoldsACalendar ? Duration.ZERO : feedFallback;
    }
}
