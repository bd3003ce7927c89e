package com.calroute.routing.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A user's status over all of time, precomputed once per input change as an immutable sorted list of intervals,
 * so that a lookup is a binary search against the clock at request time: right to the instant even before any
 * timer fires, with no locks and no allocation beyond the answer.
 */
public final class RoutePlan {

    private static final Instant BEGINNING = Instant.MIN;

    /** {@code starts[i]} is where interval i begins; it ends where i+1 begins. {@code starts[0]} is the beginning. */
    private final Instant[] starts;
    private final StatusInterval[] intervals;
    /** Index of the first/last interval of the run of equal state, action and target each interval belongs to. */
    private final int[] runFirst;
    private final int[] runLast;

    RoutePlan(List<StatusInterval> merged) {
        int n = merged.size();
        starts = new Instant[n];
        intervals = merged.toArray(new StatusInterval[0]);
        runFirst = new int[n];
        runLast = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = intervals[i].from();
            runFirst[i] = i > 0 && sameHandling(intervals[i - 1], intervals[i]) ? runFirst[i - 1] : i;
        }
        for (int i = n - 1; i >= 0; i--) {
            runLast[i] = i < n - 1 && sameHandling(intervals[i], intervals[i + 1]) ? runLast[i + 1] : i;
        }
    }

    /** The status at instant {@code t}. */
    public Status statusAt(Instant t) {
        int i = indexAt(t);
        StatusInterval interval = intervals[i];
        return new Status(interval.state(), interval.action(), interval.target(),
                bounded(intervals[runFirst[i]].from()), bounded(intervals[runLast[i]].to()), interval.reason(),
                bounded(interval.to()));
    }

    /** The next instant after {@code t} at which the status changes, or null if it never does. */
    public Instant nextChangeAfter(Instant t) {
        return bounded(intervals[indexAt(t)].to());
    }

    /** The status intervals covering {@code from..to} (end exclusive), clipped to it, in order. */
    public List<StatusInterval> timeline(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("timeline needs from before to: " + from + " .. " + to);
        }
        List<StatusInterval> result = new ArrayList<>();
        for (int i = indexAt(from); i < intervals.length && intervals[i].from().isBefore(to); i++) {
            StatusInterval interval = intervals[i];
            Instant clippedFrom = interval.from().isBefore(from) ? from : interval.from();
            Instant clippedTo = interval.to().isAfter(to) ? to : interval.to();
            result.add(new StatusInterval(clippedFrom, clippedTo, interval.state(), interval.action(),
                    interval.target(), interval.reason()));
        }
        return result;
    }

    /** How many intervals the plan holds (for memory accounting). */
    public int size() {
        return intervals.length;
    }

    private int indexAt(Instant t) {
        int found = Arrays.binarySearch(starts, t);
        return found >= 0 ? found : -found - 2;
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
