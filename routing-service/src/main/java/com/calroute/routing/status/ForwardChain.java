package com.calroute.routing.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a forwarded call ends up. A user may forward to a colleague who is forwarding too; call control should get
 * the final destination, not a number that forwards again. A forward to an enrolled user's number is followed to
 * that user's status at the same instant, for at most {@link #MAX_HOPS} hops; a chain that comes back to a number
 * already on it (a loop, the user's own number included) or runs longer ends in voicemail, with the reason saying
 * so, rather than ringing round until the network gives up.
 */
public final class ForwardChain {

    /** The most forwards followed for one call. */
    public static final int MAX_HOPS = 5;

    private ForwardChain() {
    }

    /**
     * The outcome: the status that decides the call, the numbers the call was forwarded through after the first
     * (empty when the first forward is final), and whether the chain ended in voicemail because it looped or ran
     * too long.
     */
    public record Resolution(Status status, List<String> forwardedVia, boolean loop) {
    }

    /**
     * Follows {@code start}'s forward. {@code statusOfNumber} answers the status at the same instant of the enrolled
     * user with that number, empty for a number that is no enrolled user's (the forward then ends there).
     */
    public static Resolution resolve(String number, Status start, Function<String, Optional<Status>> statusOfNumber) {
        if (start.action() != Action.FORWARD || start.target() == null) {
            return new Resolution(start, List.of(), false);
        }
        Set<String> seen = new LinkedHashSet<>();
        seen.add(number);
        List<String> via = new ArrayList<>();
        Status current = start;
        // The answer holds only while every forward on the chain does.
        Instant until = start.until();
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            String target = current.target();
            if (!seen.add(target)) {
                return new Resolution(decided(start, Action.VOICEMAIL, null, until), List.copyOf(via), true);
            }
            Optional<Status> next = statusOfNumber.apply(target);
            if (next.isEmpty() || next.get().action() != Action.FORWARD || next.get().target() == null) {
                return new Resolution(decided(start, Action.FORWARD, target, until), List.copyOf(via), false);
            }
            via.add(target);
            current = next.get();
            until = earlier(until, current.until());
        }
        return new Resolution(decided(start, Action.VOICEMAIL, null, until), List.copyOf(via), true);
    }

    private static Status decided(Status start, Action action, String target, Instant until) {
        return new Status(start.state(), action, target, start.since(), until, start.reason(), start.nextChange());
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
