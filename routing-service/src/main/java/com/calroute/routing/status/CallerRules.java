package com.calroute.routing.status;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Who gets through when the user's own status sends calls elsewhere, as a good receptionist would put them through:
 * the few numbers the user listed (family, key customers) and, if the user allows it, colleagues (callers whose number
 * is an enrolled mobile number of the user's tenant). They ring through whatever the calendar, the automatic replies
 * or the working hours decided; a manual override is the user's own word for right now and is never overruled. The
 * user's status itself never depends on the caller: only a lookup that names its caller is answered by these rules.
 */
public record CallerRules(Set<String> priorityCallers, boolean colleaguesRingThrough) {

    /** No one rings through: a user who never chose, or whose settings predate caller rules. */
    public static final CallerRules NONE = new CallerRules(Set.of(), false);

    /** Why a call rings through the user's status. */
    public enum RingThrough {
        /** The caller's number is on the user's list. */
        PRIORITY_CALLER,
        /** The caller is a colleague and the user lets colleagues ring through. */
        COLLEAGUE
    }

    /** Copies the numbers so the rules never change after construction. */
    public CallerRules {
        priorityCallers = Set.copyOf(priorityCallers);
    }

    /**
     * Why a call from {@code caller} to the user with {@code number}, whose status is {@code status} now, rings
     * through; null when it goes where the status says. {@code isColleague} tells whether a number is an enrolled
     * mobile number of the user's tenant; it is asked only when nothing else decided. Calling oneself never rings
     * through (a phone cannot ring while it calls; the call goes where the status says, as without these rules).
     */
    public RingThrough ringThrough(String number, Status status, String caller, Predicate<String> isColleague) {
        if (caller == null || status.action() == Action.RING || status.reason().source() == Source.OVERRIDE
                || caller.equals(number)) {
            return null;
        }
        if (priorityCallers.contains(caller)) {
            return RingThrough.PRIORITY_CALLER;
        }
        if (colleaguesRingThrough && isColleague.test(caller)) {
            return RingThrough.COLLEAGUE;
        }
        return null;
    }

    /** The status a call that rings through is answered with: the user's own state, reason and times, ringing. */
    public static Status ringing(Status status) {
        return new Status(status.state(), Action.RING, null, status.since(), status.until(), status.reason(),
                status.nextChange());
    }
}
