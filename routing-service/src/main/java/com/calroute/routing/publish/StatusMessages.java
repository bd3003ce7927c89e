package com.calroute.routing.publish;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.ReasonSource;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.status.StatusReason;
import com.calroute.contracts.status.StatusState;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.status.Action;
import com.calroute.routing.status.FreeBusy;
import com.calroute.routing.status.Reason;
import com.calroute.routing.status.Source;
import com.calroute.routing.status.State;
import com.calroute.routing.status.Status;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** Translates the engine's status into the {@code calroute.status.v1} contract and compares published values. */
public final class StatusMessages {

    /** The contract's word for each of the engine's, by ordinal: the names are the same, mapped once here. */
    private static final StatusState[] STATES = contract(State.values(), StatusState.class);
    private static final CallAction[] ACTIONS = contract(Action.values(), CallAction.class);
    private static final ReasonSource[] SOURCES = contract(Source.values(), ReasonSource.class);
    private static final BusyType[] BUSY_TYPES = contract(FreeBusy.values(), BusyType.class);

    private StatusMessages() {
    }

    /** The status event for a user's status, with this version and change time. */
    public static StatusMessage of(UserRoute route, Status status, long version, Instant changedAt) {
        return new StatusMessage(StatusMessage.SCHEMA, version, route.number(), route.tenantId(), route.userId(),
                STATES[status.state().ordinal()], ACTIONS[status.action().ordinal()], status.target(), status.since(),
                status.until(), reason(status.reason()), changedAt);
    }

    /** The contract's reason for the engine's reason. */
    public static StatusReason reason(Reason reason) {
        return new StatusReason(SOURCES[reason.source().ordinal()],
                reason.busyType() == null ? null : BUSY_TYPES[reason.busyType().ordinal()], reason.itemId(),
                reason.subject(), reason.subjectCode(), reason.category(), reason.showOnly() ? Boolean.TRUE : null);
    }

    /** Whether {@link #of} would give {@code status} this state, action and target. */
    static boolean says(StatusState state, CallAction action, String target, Status status) {
        return state == STATES[status.state().ordinal()] && action == ACTIONS[status.action().ordinal()]
                && Objects.equals(target, status.target());
    }

    /** The engine's reason for a reason read back from the topic (null stays null). */
    static Reason reasonOf(StatusReason reason) {
        if (reason == null) {
            return null;
        }
        return new Reason(Source.valueOf(reason.source().name()),
                reason.busyType() == null ? null : FreeBusy.valueOf(reason.busyType().name()), reason.itemId(),
                reason.subject(), reason.subjectCode(), reason.category(), Boolean.TRUE.equals(reason.showOnly()));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Enum<E>, C extends Enum<C>> C[] contract(E[] ours, Class<C> type) {
        C[] mapped = (C[]) Array.newInstance(type, ours.length);
        for (int i = 0; i < ours.length; i++) {
            mapped[i] = Enum.valueOf(type, ours[i].name());
        }
        return mapped;
    }
}
