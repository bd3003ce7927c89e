package com.calroute.routing.ingest;

import com.calroute.contracts.Topics;

import java.util.List;

/**
 * The topics one routing node reads and writes. Production uses the contract names; tests give each in-process
 * node set its own names so several scenarios share one broker without seeing each other's data.
 */
public record TopicNames(String tenants, String users, String calendar, String status, String overrides, String dlq) {

    /** The contract's topic names. */
    public static TopicNames standard() {
        return new TopicNames(Topics.TENANTS, Topics.USERS, Topics.CALENDAR, Topics.STATUS, Topics.OVERRIDES,
                Topics.ROUTING_DEAD_LETTERS);
    }

    /** The same topics with a suffix, for isolated test scenarios. */
    public static TopicNames withSuffix(String suffix) {
        TopicNames s = standard();
        return new TopicNames(s.tenants + suffix, s.users + suffix, s.calendar + suffix, s.status + suffix,
                s.overrides + suffix, s.dlq + suffix);
    }

    /** The topics every replica reads from the beginning into its lookup table. */
    public List<String> tableTopics() {
        return List.of(tenants, users, calendar, overrides, status, dlq);
    }

    /** Every topic routing creates at start (when it creates topics); cleanup policies as {@link Topics#DECLARED} says. */
    public List<String> all() {
        return List.of(tenants, users, calendar, status, overrides, dlq);
    }
}
