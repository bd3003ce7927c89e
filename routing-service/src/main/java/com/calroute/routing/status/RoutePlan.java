package com.calroute.routing.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user's status over all of time, precomputed once per input change as an immutable sorted run of intervals,
 * so that a lookup is a binary search against the clock at request time: right to the instant even before any
 * timer fires, with no locks.
 *
 * <p>Every replica holds every user's plan, so a plan is kept as a few primitive arrays rather than an object per
 * interval (issue #21): an interval costs about 14 bytes instead of about 90, and the table's old generation holds
 * far fewer references for the collector to trace.
 */
public final class RoutePlan {

    private static final Instant BEGINNING = Instant.MIN;
    private static final State[] STATES = State.values();
    private static final Action[] ACTIONS = Action.values();

    static {
        if (STATES.length > 15 || ACTIONS.length > 8) {
            throw new ExceptionInInitializerError("a plan's handling byte holds a state and an action");
        }
    }

    /**
     * Interval i begins at {@code startSeconds[i]} plus {@code startNanos[i]} nanoseconds and ends where i+1 begins;
     * the first begins at the beginning of time, the last never ends. {@code startNanos} is null when every start is a
     * whole second, as calendar times are.
     */
    private final long[] startSeconds;
    private final int[] startNanos;
    /** Interval i's state's ordinal times 8 plus its action's. */
    private final byte[] handlings;
    /** Null when no interval has a target (nobody forwards). */
    private final String[] targets;
    /** Equal reasons share one instance. */
    private final Reason[] reasons;

    /** A plan of {@code merged}: contiguous intervals from the beginning of time to its end. */
    RoutePlan(List<StatusInterval> merged) {
        int n = merged.size();
        if (n == 0 || !merged.get(0).from().equals(BEGINNING) || !merged.get(n - 1).to().equals(Instant.MAX)) {
            throw new IllegalArgumentException("a plan covers all of time");
        }
        startSeconds = new long[n];
        handlings = new byte[n];
        reasons = new Reason[n];
        boolean wholeSeconds = true;
        boolean anyTarget = false;
        Map<Reason, Reason> distinctReasons = new HashMap<>();
        for (int i = 0; i < n; i++) {
            StatusInterval interval = merged.get(i);
            if (i > 0 && !merged.get(i - 1).to().equals(interval.from())) {
                throw new IllegalArgumentException("a plan's intervals are contiguous: " + merged.get(i - 1).to()
                        + " then " + interval.from());
            }
            startSeconds[i] = interval.from().getEpochSecond();
            wholeSeconds &= interval.from().getNano() == 0;
            anyTarget |= interval.target() != null;
            handlings[i] = (byte) (interval.state().ordinal() << 3 | interval.action().ordinal());
            reasons[i] = distinctReasons.computeIfAbsent(interval.reason(), reason -> reason);
        }
        startNanos = wholeSeconds ? null : merged.stream().mapToInt(interval -> interval.from().getNano()).toArray();
        targets = anyTarget ? merged.stream().map(StatusInterval::target).toArray(String[]::new) : null;
    }

    /** The status at instant {@code t}. */
    public Status statusAt(Instant t) {
        int i = indexAt(t);
        int first = i;
        while (first > 0 && sameHandling(first - 1, first)) {
            first--;
        }
        int last = i;
        while (last < startSeconds.length - 1 && sameHandling(last, last + 1)) {
            last++;
        }
        return new Status(STATES[handlings[i] >> 3], ACTIONS[handlings[i] & 7], target(i), bounded(start(first)),
                bounded(end(last)), reasons[i], bounded(end(i)));
    }

    /** The next instant after {@code t} at which the status changes, or null if it never does. */
    public Instant nextChangeAfter(Instant t) {
        return bounded(end(indexAt(t)));
    }

    /** The status intervals covering {@code from..to} (end exclusive), clipped to it, in order. */
    public List<StatusInterval> timeline(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("timeline needs from before to: " + from + " .. " + to);
        }
        List<StatusInterval> result = new ArrayList<>();
        for (int i = indexAt(from); i < startSeconds.length && start(i).isBefore(to); i++) {
            Instant start = start(i);
            Instant end = end(i);
            result.add(new StatusInterval(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end,
                    STATES[handlings[i] >> 3], ACTIONS[handlings[i] & 7], target(i), reasons[i]));
        }
        return result;
    }

    /** The plan's own reason equal to {@code reason}, or {@code reason} when the plan holds none equal. */
    public Reason heldReason(Reason reason) {
        for (Reason held : reasons) {
            if (held.equals(reason)) {
                return held;
            }
        }
        return reason;
    }

    /** How many intervals the plan holds (for memory accounting). */
    public int size() {
        return startSeconds.length;
    }

    /** The last interval beginning at or before {@code t} (the first begins at the beginning of time). */
    private int indexAt(Instant t) {
        long seconds = t.getEpochSecond();
        int nanos = t.getNano();
        int low = 0;
        int high = startSeconds.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            long startSecond = startSeconds[middle];
            boolean startsByT = startSecond < seconds
                    || startSecond == seconds && (startNanos == null || startNanos[middle] <= nanos);
            if (startsByT) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private Instant start(int i) {
        return Instant.ofEpochSecond(startSeconds[i], startNanos == null ? 0 : startNanos[i]);
    }

    private Instant end(int i) {
        return i + 1 < startSeconds.length ? start(i + 1) : Instant.MAX;
    }

    private String target(int i) {
        return targets == null ? null : targets[i];
    }

    private boolean sameHandling(int i, int j) {
        return handlings[i] == handlings[j] && Objects.equals(target(i), target(j));
    }

    private static Instant bounded(Instant t) {
        return t.equals(Instant.MIN) || t.equals(Instant.MAX) ? null : t;
    }

    static boolean sameHandling(StatusInterval a, StatusInterval b) {
        return a.state() == b.state() && a.action() == b.action() && Objects.equals(a.target(), b.target());
    }

    static boolean sameStatus(StatusInterval a, StatusInterval b) {
        return sameHandling(a, b) && a.reason().equals(b.reason());
    }

    static Instant beginning() {
        return BEGINNING;
    }
}
