package com.calroute.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Topic names, their cleanup policies and retention, and the record-key convention shared by every producer and
 * consumer of Calroute's topics. {@link #DECLARED} is the one list: the services' local topic set-up creates from it
 * and checks against it, and a deployment test holds the Kubernetes topics Job to it.
 */
public final class Topics {

    /** Tenant settings routing and sync need (compacted, key {@code tenantId}). */
    public static final String TENANTS = "calroute.tenants.v1";
    /** Enrolled users and their settings (compacted, key {@code tenantId/userId}). */
    public static final String USERS = "calroute.users.v1";
    /** Each mailbox's complete normalised calendar window (compacted, key {@code tenantId/userId}). */
    public static final String CALENDAR = "calroute.calendar.v1";
    /** Each user's call-handling status (compacted, key {@code tenantId/userId}). */
    public static final String STATUS = "calroute.status.v1";
    /** Routing's own manual overrides, replicated to every routing replica (compacted, key {@code tenantId/userId}). */
    public static final String OVERRIDES = "calroute.overrides.v1";
    /** Messages routing cannot use, with the reason in a header (a log deleted by age, never compacted). */
    public static final String ROUTING_DEAD_LETTERS = "calroute.routing.dlq.v1";
    /** Messages calendar-sync cannot use, with the reason in a header (a log deleted by age, never compacted). */
    public static final String SYNC_DEAD_LETTERS = "calroute.sync.dlq.v1";

    /** A dead letter's header: why the record was refused (plain words, never the value's content). */
    public static final String DEAD_LETTER_REASON_HEADER = "calroute.dlq.reason";
    /** A dead letter's header: the record it came from, as {@code topic/partition/offset}. */
    public static final String DEAD_LETTER_SOURCE_HEADER = "calroute.dlq.source";

    /** How long a dead letter is kept for an operator to look at: two weeks, whatever the broker's default. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    /** A topic and whether Kafka keeps only each key's latest value (a table) or deletes by age (a log). */
    public record Declared(String name, boolean compacted) {

        /** How long a log keeps a record (every log here is a dead letter's); none for a table: it keeps its keys. */
        public Optional<Duration> retention() {
            return compacted ? Optional.empty() : Optional.of(DEAD_LETTER_RETENTION);
        }
    }

    /** Every topic of the suite, in the order the Kubernetes Job creates them. */
    public static final List<Declared> DECLARED = List.of(
            new Declared(TENANTS, true), new Declared(USERS, true), new Declared(CALENDAR, true),
            new Declared(STATUS, true), new Declared(OVERRIDES, true),
            new Declared(ROUTING_DEAD_LETTERS, false), new Declared(SYNC_DEAD_LETTERS, false));

    /**
     * The declaration of {@code name}: a contract topic, or a test's isolated copy of one (the contract name with a
     * suffix), which keeps its original's cleanup policy.
     */
    public static Declared declared(String name) {
        Declared longest = null;
        for (Declared topic : DECLARED) {
            if (name.startsWith(topic.name()) && (longest == null || topic.name().length() > longest.name().length())) {
                longest = topic;
            }
        }
        if (longest == null) {
            throw new IllegalArgumentException("not a Calroute topic: " + name);
        }
        return new Declared(name, longest.compacted());
    }

    private Topics() {
    }

    /** The record key of a user on the users, calendar and status topics. */
    public static String userKey(String tenantId, String userId) {
        return tenantId + "/" + userId;
    }

    /** The tenant id of a {@code tenantId/userId} key. */
    public static String tenantOf(String userKey) {
        int slash = userKey.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a tenantId/userId key: " + userKey);
        }
        return userKey.substring(0, slash);
    }

    /** The user id of a {@code tenantId/userId} key. */
    public static String userOf(String userKey) {
        int slash = userKey.indexOf('/');
        if (slash <= 0 || slash == userKey.length() - 1) {
            throw new IllegalArgumentException("not a tenantId/userId key: " + userKey);
        }
        return userKey.substring(slash + 1);
    }
}
