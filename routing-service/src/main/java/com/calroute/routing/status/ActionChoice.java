package com.calroute.routing.status;

import java.util.Objects;

/** An action as a user chose it; {@code target} is the E.164 number for FORWARD and null otherwise. */
public record ActionChoice(Action action, String target) {

    /** Calls ring normally: every busy type's default. */
    public static final ActionChoice RING = new ActionChoice(Action.RING, null);

    /** Rejects a FORWARD without a number; drops a target that only FORWARD uses. */
    public ActionChoice {
        Objects.requireNonNull(action, "action");
        if (action == Action.FORWARD) {
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("FORWARD needs a target number");
            }
        } else {
            target = null;
        }
    }
}
