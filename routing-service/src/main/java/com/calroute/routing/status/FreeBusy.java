package com.calroute.routing.status;

/** A calendar item's free/busy status, ordered by the strength with which it claims the user's time. */
public enum FreeBusy {
    FREE(0), TENTATIVE(1), WORKING_ELSEWHERE(2), BUSY(3), OOF(4);

    private final int strength;

    FreeBusy(int strength) {
        this.strength = strength;
    }

    /** Higher wins when items overlap: OOF > BUSY > WORKING_ELSEWHERE > TENTATIVE; FREE never routes. */
    public int strength() {
        return strength;
    }

    /** The state a user is in while an item of this type wins. */
    State state() {
        return switch (this) {
            case FREE -> State.AVAILABLE;
            case TENTATIVE -> State.TENTATIVE;
            case WORKING_ELSEWHERE -> State.WORKING_ELSEWHERE;
            case BUSY -> State.BUSY;
            case OOF -> State.OOF;
        };
    }
}
