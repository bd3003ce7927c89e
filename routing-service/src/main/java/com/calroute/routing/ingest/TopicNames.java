package com.calroute.routing.ingest;

import com.calroute.contracts.Topics;

import java.util.List;

/**
 * The topics one routing node reads and writes. Production uses the contract names; tests give each in-process
 * node set its own names so several scenarios share one broker without seeing each other's data.
 */
public record TopicNames(String tenants, String users, String calendar, String status, String overrides, String dlq) {

    /** Routing's own compacted topic carrying manual overrides to every replica (key {@code tenantId/userId}). */
    public static final String OVERRIDES = "calroute.overrides.v1";
    /** Where routing puts messages it cannot use, with the reason in a header (not compacted). */
    public static final String DLQ = "calroute.routing.dlq.v1";

    /** The contract's topic names. */
    public static TopicNames standard() {
        return new TopicNames(Topics.TENANTS, Topics.USERS, Topics.CALENDAR, Topics.STATUS, OVERRIDES, DLQ);
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

    /** Every topic routing creates at start; all compacted except the dead-letter topic. */
    public List<String> all() {
        return List.of(tenants, users, calendar, status, overrides, dlq);
    }
}
