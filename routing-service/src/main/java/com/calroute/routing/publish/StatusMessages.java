package com.calroute.routing.publish;

import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.status.StatusReason;
import com.calroute.contracts.status.StatusState;
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

    /** Whether {@link #of} would give {@code status} this state, action and target. */
    static boolean says(StatusState state, CallAction action, String target, Status status) {
        return state == ContractTypes.state(status.state()) && action == ContractTypes.callAction(status.action())
                && Objects.equals(target, status.target());
    }

    /** The engine's reason for a reason read back from the topic (null stays null). */
    static Reason reasonOf(StatusReason reason) {
        if (reason == null) {
            return null;
        }
        return new Reason(ContractTypes.engineSource(reason.source()), ContractTypes.freeBusy(reason.busyType()),
                reason.itemId(), reason.subject(), reason.subjectCode(), reason.category(),
                Boolean.TRUE.equals(reason.showOnly()));
    }
}
