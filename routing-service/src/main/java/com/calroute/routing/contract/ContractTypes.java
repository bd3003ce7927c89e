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
        return byName(type, FreeBusy.class);
    }

    /** The contract's busy type for the engine's. */
    public static BusyType busyType(FreeBusy type) {
        return byName(type, BusyType.class);
    }

    /** The engine's action for the contract's. */
    public static Action action(CallAction action) {
        return byName(action, Action.class);
    }

    /** The contract's action for the engine's. */
    public static CallAction callAction(Action action) {
        return byName(action, CallAction.class);
    }

    /** The contract's state for the engine's. */
    public static StatusState state(State state) {
        return byName(state, StatusState.class);
    }

    /** The contract's reason source for the engine's. */
    public static ReasonSource source(Source source) {
        return byName(source, ReasonSource.class);
    }

    /** The engine's reason source for the contract's (a reason read back from the status topic). */
    public static Source engineSource(ReasonSource source) {
        return byName(source, Source.class);
    }

    private static <T extends Enum<T>> T byName(Enum<?> value, Class<T> type) {
        return value == null ? null : Enum.valueOf(type, value.name());
    }
}
