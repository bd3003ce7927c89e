package com.calroute.routing.status;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Who gets through when the user's own status sends calls elsewhere, as a good receptionist would put them through:
 * the few numbers the user listed (family, key customers) and, if the user allows it, colleagues (callers whose number
 * is an enrolled mobile number of the user's tenant). They ring through whatever the calendar, the automatic replies
 * or the working hours decided; a manual override is the user's own word for right now and is never overruled. The
 * user's status itself never depends on the caller: only a lookup that names its caller is answered by these rules.
 */
public final class CallerRules {

    /** No one rings through: a user who never chose, or whose settings predate caller rules. */
    public static final CallerRules NONE = new CallerRules(Set.of(), false);

    /** Why a call rings through the user's status. */
    public enum RingThrough {
        /** The caller's number is on the user's list. */
        PRIORITY_CALLER,
        /** The caller is a colleague and the user lets colleagues ring through. */
        COLLEAGUE
    }

    /**
     * The listed numbers' digits, sorted: every replica holds every user's list, and a number as a {@code long} costs
     * 8 bytes where its string costs about 56 (issue #21). E.164's leading digit is never 0, so the digits say the
     * number.
     */
    private final long[] priorityCallers;
    private final boolean colleaguesRingThrough;

    /** Rules listing {@code priorityCallers} (E.164 numbers) and letting colleagues ring through or not. */
    public CallerRules(Set<String> priorityCallers, boolean colleaguesRingThrough) {
        this.priorityCallers = priorityCallers.stream().mapToLong(number -> {
            long digits = digitsOf(number);
            if (digits < 0) {
                throw new IllegalArgumentException("a priority caller is an E.164 number");
            }
            return digits;
        }).sorted().toArray();
        this.colleaguesRingThrough = colleaguesRingThrough;
    }

    /** The numbers that always ring through. */
    public Set<String> priorityCallers() {
        return Arrays.stream(priorityCallers).mapToObj(digits -> "+" + digits).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the user listed any number. */
    public boolean listsNumbers() {
        return priorityCallers.length > 0;
    }

    /** Whether colleagues ring through. */
    public boolean colleaguesRingThrough() {
        return colleaguesRingThrough;
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
        long callerDigits = digitsOf(caller);
        if (callerDigits >= 0 && Arrays.binarySearch(priorityCallers, callerDigits) >= 0) {
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

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerRules rules && colleaguesRingThrough == rules.colleaguesRingThrough
                && Arrays.equals(priorityCallers, rules.priorityCallers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(priorityCallers) + Boolean.hashCode(colleaguesRingThrough);
    }

    @Override
    public String toString() {
        return "CallerRules[priorityCallers=" + priorityCallers() + ", colleaguesRingThrough=" + colleaguesRingThrough
                + ']';
    }

    /** The digits of an E.164 number ({@code +}, a digit 1–9, at most 14 more), or -1 for anything else. */
    private static long digitsOf(String number) {
        int length = number.length();
        if (length < 2 || length > 16 || number.charAt(0) != '+' || number.charAt(1) == '0') {
            return -1;
        }
        long digits = 0;
        for (int i = 1; i < length; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            digits = digits * 10 + (c - '0');
        }
        return digits;
    }
}
