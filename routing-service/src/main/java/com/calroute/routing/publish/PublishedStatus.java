package com.calroute.routing.publish;

import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.status.StatusState;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.status.Reason;
import com.calroute.routing.status.Status;

import java.time.Instant;
import java.util.Objects;

/**
 * The last value on the status topic for one key: its version and as much of its content as tells whether a new value
 * differs, without the event itself (every replica keeps one per user: about 70 bytes instead of about 160, issue
 * #21), sharing the route's strings and the plan's reason where it can. After a tombstone only the version is kept.
 */
final class PublishedStatus {

    /** Where an instant is absent (unbounded). */
    private static final long NO_SECOND = Long.MIN_VALUE;

    private final long version;
    /** Null after a tombstone. */
    private final String number;
    private final String tenantId;
    private final String userId;
    private final StatusState state;
    private final CallAction action;
    private final String target;
    private final long sinceSecond;
    private final int sinceNano;
    private final long untilSecond;
    private final int untilNano;
    /** The engine's reason: the plan's own instance for a value this replica published. */
    private final Reason reason;

    private PublishedStatus(long version, String number, String tenantId, String userId, StatusState state,
                            CallAction action, String target, long sinceSecond, int sinceNano, long untilSecond,
                            int untilNano, Reason reason) {
        this.version = version;
        this.number = number;
        this.tenantId = tenantId;
        this.userId = userId;
        this.state = state;
        this.action = action;
        this.target = target;
        this.sinceSecond = sinceSecond;
        this.sinceNano = sinceNano;
        this.untilSecond = untilSecond;
        this.untilNano = untilNano;
        this.reason = reason;
    }

    /** The event {@code message} as this replica published it for a status of {@code reason} of {@code route}. */
    static PublishedStatus published(StatusMessage message, Reason reason, UserRoute route) {
        return of(message, reason, route);
    }

    /**
     * The event {@code message} as read back from the topic, {@code route} being the key's route if the table holds
     * one (else null): a replica reads every user's status back, and copies of the number and ids would cost about
     * 150 bytes per user.
     */
    static PublishedStatus readBack(StatusMessage message, UserRoute route) {
        PublishedStatus read = of(message, StatusMessages.reasonOf(message.reason()), route);
        return route == null ? read : read.sharing(route);
    }

    /** A tombstone after {@code version}. */
    static PublishedStatus tombstone(long version) {
        return new PublishedStatus(version, null, null, null, null, null, null, NO_SECOND, 0, NO_SECOND, 0, null);
    }

    private static PublishedStatus of(StatusMessage message, Reason reason, UserRoute route) {
        Instant since = message.since();
        Instant until = message.until();
        return new PublishedStatus(message.version(), shared(message.number(), route == null ? null : route.number()),
                shared(message.tenantId(), route == null ? null : route.tenantId()),
                shared(message.userId(), route == null ? null : route.userId()), message.state(), message.action(),
                message.target(), since == null ? NO_SECOND : since.getEpochSecond(),
                since == null ? 0 : since.getNano(), until == null ? NO_SECOND : until.getEpochSecond(),
                until == null ? 0 : until.getNano(), reason);
    }

    long version() {
        return version;
    }

    boolean isTombstone() {
        return number == null;
    }

    /** Whether this value says what {@code route}'s {@code status} says (version and change time aside). */
    boolean says(UserRoute route, Status status) {
        return number != null && number.equals(route.number()) && Objects.equals(tenantId, route.tenantId())
                && Objects.equals(userId, route.userId()) && same(sinceSecond, sinceNano, status.since())
                && same(untilSecond, untilNano, status.until())
                && StatusMessages.says(state, action, target, status) && Objects.equals(reason, status.reason());
    }

    /**
     * This value holding {@code route}'s own strings and its plan's own reason where they are equal (a value read back
     * holds copies); this value itself when there is nothing to share.
     */
    PublishedStatus sharing(UserRoute route) {
        String sharedNumber = shared(number, route.number());
        String sharedTenant = shared(tenantId, route.tenantId());
        String sharedUser = shared(userId, route.userId());
        Reason sharedReason = reason == null || route.plan() == null ? reason : route.plan().heldReason(reason);
        if (sharedNumber == number && sharedTenant == tenantId && sharedUser == userId && sharedReason == reason) {
            return this;
        }
        return new PublishedStatus(version, sharedNumber, sharedTenant, sharedUser, state, action, target, sinceSecond,
                sinceNano, untilSecond, untilNano, sharedReason);
    }

    private static String shared(String value, String held) {
        return value != null && value.equals(held) ? held : value;
    }

    private static boolean same(long second, int nano, Instant instant) {
        return instant == null ? second == NO_SECOND : second == instant.getEpochSecond() && nano == instant.getNano();
    }
}
