package com.calroute.routing.contract;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.ReasonSource;
import com.calroute.contracts.status.StatusState;
import com.calroute.routing.status.Action;
import com.calroute.routing.status.FreeBusy;
import com.calroute.routing.status.Source;
import com.calroute.routing.status.State;

/**
 * The one translation between the contract's enums and the status engine's. The engine stays contract-free (see
 * {@code PurePackagesTest}), so it keeps enums of its own that carry its rules (a busy type's strength, the state it
 * puts a user in) under the contract's names; ingest, publish and the API convert here, by name, and nowhere else.
 * Every method passes null through.
 */
public final class ContractTypes {

    private ContractTypes() {
    }

    /** The engine's busy type for the contract's. */
    public static FreeBusy freeBusy(BusyType type) {
        return type == null ? null : FreeBusy.valueOf(type.name());
    }

    /** The contract's busy type for the engine's. */
    public static BusyType busyType(FreeBusy type) {
        return type == null ? null : BusyType.valueOf(type.name());
    }

    /** The engine's action for the contract's. */
    public static Action action(CallAction action) {
        return action == null ? null : Action.valueOf(action.name());
    }

    /** The contract's action for the engine's. */
    public static CallAction callAction(Action action) {
        return action == null ? null : CallAction.valueOf(action.name());
    }

    /** The contract's state for the engine's. */
    public static StatusState state(State state) {
        return state == null ? null : StatusState.valueOf(state.name());
    }

    /** The contract's reason source for the engine's. */
    public static ReasonSource source(Source source) {
        return source == null ? null : ReasonSource.valueOf(source.name());
    }
}
