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

    // Looked up by ordinal: every route lookup converts four values, and Enum.valueOf is a map lookup by name each time.
    private static final FreeBusy[] FREE_BUSY = byName(BusyType.class, FreeBusy.class);
    private static final BusyType[] BUSY_TYPE = byName(FreeBusy.class, BusyType.class);
    private static final Action[] ACTION = byName(CallAction.class, Action.class);
    private static final CallAction[] CALL_ACTION = byName(Action.class, CallAction.class);
    private static final StatusState[] STATE = byName(State.class, StatusState.class);
    private static final ReasonSource[] SOURCE = byName(Source.class, ReasonSource.class);
    private static final Source[] ENGINE_SOURCE = byName(ReasonSource.class, Source.class);

    private ContractTypes() {
    }

    /** The engine's busy type for the contract's. */
    public static FreeBusy freeBusy(BusyType type) {
        return convert(type, FREE_BUSY);
    }

    /** The contract's busy type for the engine's. */
    public static BusyType busyType(FreeBusy type) {
        return convert(type, BUSY_TYPE);
    }

    /** The engine's action for the contract's. */
    public static Action action(CallAction action) {
        return convert(action, ACTION);
    }

    /** The contract's action for the engine's. */
    public static CallAction callAction(Action action) {
        return convert(action, CALL_ACTION);
    }

    /** The contract's state for the engine's. */
    public static StatusState state(State state) {
        return convert(state, STATE);
    }

    /** The contract's reason source for the engine's. */
    public static ReasonSource source(Source source) {
        return convert(source, SOURCE);
    }

    /** The engine's reason source for the contract's (a reason read back from the status topic). */
    public static Source engineSource(ReasonSource source) {
        return convert(source, ENGINE_SOURCE);
    }

    private static <T extends Enum<T>> T convert(Enum<?> value, T[] byOrdinal) {
        if (value == null) {
            return null;
        }
        T converted = byOrdinal[value.ordinal()];
        if (converted == null) {
            throw new IllegalArgumentException("no " + byOrdinal.getClass().getComponentType().getSimpleName() + " named "
                    + value.name());
        }
        return converted;
    }

    /** For each constant of {@code from}, by ordinal, the constant of {@code to} with its name; null where none has. */
    @SuppressWarnings("unchecked")
    private static <F extends Enum<F>, T extends Enum<T>> T[] byName(Class<F> from, Class<T> to) {
        F[] constants = from.getEnumConstants();
        T[] byOrdinal = (T[]) java.lang.reflect.Array.newInstance(to, constants.length);
        for (F constant : constants) {
            for (T candidate : to.getEnumConstants()) {
                if (candidate.name().equals(constant.name())) {
                    byOrdinal[constant.ordinal()] = candidate;
                }
            }
        }
        return byOrdinal;
    }
}
