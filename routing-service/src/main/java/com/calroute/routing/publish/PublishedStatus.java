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
 * #21). After a tombstone only the version is kept.
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

    private PublishedStatus(long version, StatusMessage message, Reason reason) {
        this.version = version;
        number = message == null ? null : message.number();
        tenantId = message == null ? null : message.tenantId();
        userId = message == null ? null : message.userId();
        state = message == null ? null : message.state();
        action = message == null ? null : message.action();
        target = message == null ? null : message.target();
        Instant since = message == null ? null : message.since();
        Instant until = message == null ? null : message.until();
        sinceSecond = since == null ? NO_SECOND : since.getEpochSecond();
        sinceNano = since == null ? 0 : since.getNano();
        untilSecond = until == null ? NO_SECOND : until.getEpochSecond();
        untilNano = until == null ? 0 : until.getNano();
        this.reason = reason;
    }

    /** The event {@code message} as this replica published it for a status of {@code reason}. */
    static PublishedStatus published(StatusMessage message, Reason reason) {
        return new PublishedStatus(message.version(), message, reason);
    }

    /** The event {@code message} as read back from the topic. */
    static PublishedStatus readBack(StatusMessage message) {
        return new PublishedStatus(message.version(), message, StatusMessages.reasonOf(message.reason()));
    }

    /** A tombstone after {@code version}. */
    static PublishedStatus tombstone(long version) {
        return new PublishedStatus(version, null, null);
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

    private static boolean same(long second, int nano, Instant instant) {
        return instant == null ? second == NO_SECOND : second == instant.getEpochSecond() && nano == instant.getNano();
    }
}
