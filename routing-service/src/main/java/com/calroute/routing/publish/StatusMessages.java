package com.calroute.routing.publish;

import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.status.StatusReason;
import com.calroute.routing.contract.ContractTypes;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.status.Reason;
import com.calroute.routing.status.Status;

import java.time.Instant;
import java.util.Objects;

/** Translates the engine's status into the {@code calroute.status.v1} contract and compares published values. */
public final class StatusMessages {

    private StatusMessages() {
    }

    /** The status event for a user's status, with this version and change time. */
    public static StatusMessage of(UserRoute route, Status status, long version, Instant changedAt) {
        return new StatusMessage(StatusMessage.SCHEMA, version, route.number(), route.tenantId(), route.userId(),
                ContractTypes.state(status.state()), ContractTypes.callAction(status.action()),
                status.target(), status.since(), status.until(), reason(status.reason()), changedAt);
    }

    /** The contract's reason for the engine's reason. */
    public static StatusReason reason(Reason reason) {
        return new StatusReason(ContractTypes.source(reason.source()), ContractTypes.busyType(reason.busyType()),
                reason.itemId(), reason.subject(), reason.subjectCode(), reason.category(),
                reason.showOnly() ? Boolean.TRUE : null);
    }

    /** Whether two events say the same thing, ignoring version and change time: only differences are published. */
    public static boolean sameContent(StatusMessage a, StatusMessage b) {
        return Objects.equals(a.number(), b.number()) && Objects.equals(a.tenantId(), b.tenantId())
                && Objects.equals(a.userId(), b.userId()) && a.state() == b.state() && a.action() == b.action()
                && Objects.equals(a.target(), b.target()) && Objects.equals(a.since(), b.since())
                && Objects.equals(a.until(), b.until()) && Objects.equals(a.reason(), b.reason());
    }
}
