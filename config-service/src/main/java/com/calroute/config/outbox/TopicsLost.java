package com.calroute.config.outbox;

import java.util.Set;

/**
 * Fired by the outbox relay when topics this service publishes hold no record at all although it has published to
 * them: the broker lost them. Each owner of a topic's state queues its current state again ({@link Outbox#republish}),
 * so consumers that rebuild from the topics (routing's table, sync's user list) learn every tenant and user again.
 */
public record TopicsLost(Set<String> topics) {

    /** Whether {@code topic} is one of the lost ones. */
    public boolean includes(String topic) {
        return topics.contains(topic);
    }
}
