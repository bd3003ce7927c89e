package com.calroute.sync.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Which users partitions a packaged sync instance owns, read from its log, for the multi-instance ITs. */
public final class PartitionOwnership {

    private static final Pattern OWNING = Pattern.compile(
            "owning users partition (\\d+) |(?:handing over|lost) users partitions \\[([0-9, ]*)]");

    private PartitionOwnership() {
    }

    /** The last assignment state in {@code log}: partitions owned minus those handed over or lost later. */
    public static Set<Integer> owned(String log) {
        Set<Integer> owned = new TreeSet<>();
        Matcher matcher = OWNING.matcher(log);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                owned.add(Integer.parseInt(matcher.group(1)));
            } else if (!matcher.group(2).isBlank()) {
                for (String partition : matcher.group(2).split(",\\s*")) {
                    owned.remove(Integer.parseInt(partition.trim()));
                }
            }
        }
        return owned;
    }

    /** Every time {@code log} says partitions left its instance (handed over or lost), as the log says it. */
    public static List<String> departures(String log) {
        List<String> departures = new ArrayList<>();
        Matcher matcher = OWNING.matcher(log);
        while (matcher.find()) {
            if (matcher.group(2) != null && !matcher.group(2).isBlank()) {
                departures.add(matcher.group());
            }
        }
        return departures;
    }

    /**
     * Waits until {@code a} and {@code b} share all {@code partitions}: each owns some, none owns what the other does.
     * An instance that starts a moment before the other first owns every partition and hands half over when the other
     * joins; work enrolled before that is a hand-over, not the sharing a test of two running instances means.
     */
    public static void awaitShared(AppProcess a, AppProcess b, int partitions, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<Integer> ofA = owned(a.log());
            Set<Integer> ofB = owned(b.log());
            Set<Integer> union = new TreeSet<>(ofA);
            union.addAll(ofB);
            boolean shared = !ofA.isEmpty() && !ofB.isEmpty() && union.size() == partitions
                    && ofA.size() + ofB.size() == partitions;
            if (shared) {
                return;
            }
            if (System.nanoTime() > deadline) {
                assertThat(shared).as("the instances share the %d partitions (A owns %s, B owns %s)", partitions, ofA, ofB)
                        .isTrue();
            }
            Thread.sleep(100);
        }
    }
}
