package com.calroute.sync.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * What each mailbox's absence settings outside the calendar were when last polled — automatic replies and working
 * hours — and when to poll them next. Neither EWS nor Graph notifies their changes, so each mailbox is polled every
 * {@code interval} at most; the next poll comes after 80–100 % of it at random, so mailboxes first read together (a
 * bulk opt-in) spread over time instead of polling in bursts. A mailbox met for the first time (opt-in, start,
 * hand-over) is first polled at a random moment within one interval, so a bulk opt-in or a restart costs no burst of
 * polls; until then its settings are what routing holds from earlier values (null for none). Working hours change
 * seldom and cost EWS a request of their own, so a poll reads them only every {@code hoursInterval}, the first time
 * at random within one: learning them is news that costs a calendar read, and a bulk opt-in of 10,000 mailboxes
 * must not spend 10,000 reads at once on it (the default action outside working hours is to ring, so nothing waits
 * on them). Thread-safe.
 */
public final class AbsencePolls {

    /**
     * {@code asked}: a resync asked for a poll while one was handed out; the one in flight may have read too early, so
     * its end keeps the asked-for moments instead of pushing the next poll an interval away.
     */
    private record Entry(AutomaticReplies replies, WorkingHours hours, Instant nextPoll, Instant nextHours,
                         boolean asked) {

        Entry(AutomaticReplies replies, WorkingHours hours, Instant nextPoll, Instant nextHours) {
            this(replies, hours, nextPoll, nextHours, false);
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final Duration interval;
    private final Duration hoursInterval;
    private final DoubleSupplier random;

    public AbsencePolls(Duration interval, Duration hoursInterval, DoubleSupplier random) {
        this.interval = interval;
        this.hoursInterval = hoursInterval;
        this.random = random;
    }

    /** Polls with working hours read at every poll (tests of the automatic replies alone). */
    public AbsencePolls(Duration interval, DoubleSupplier random) {
        this(interval, Duration.ZERO, random);
    }

    /**
     * Starts tracking a mailbox met for the first time: its first poll comes at random within one interval, its first
     * reading of the working hours at random within one hours-interval; until then its settings are the
     * {@code heldReplies} and {@code heldHours} routing holds (null for none).
     */
    public synchronized void track(String key, Instant now, AutomaticReplies heldReplies, WorkingHours heldHours) {
        if (!entries.containsKey(key)) {
            Instant first = now.plusMillis((long) (interval.toMillis() * random.getAsDouble()));
            Instant firstHours = now.plusMillis((long) (hoursInterval.toMillis() * random.getAsDouble()));
            entries.put(key, new Entry(heldReplies, heldHours, first, firstHours));
        }
    }

    /** What the automatic replies were at the last successful poll; null while not known. */
    public synchronized AutomaticReplies known(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.replies();
    }

    /** What the working hours were at the last poll that read them; null while not known. */
    public synchronized WorkingHours knownHours(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.hours();
    }

    /** True when a poll of {@code key} at {@code now} should read the working hours too. */
    public synchronized boolean hoursDue(String key, Instant now) {
        Entry entry = entries.get(key);
        return entry == null || !entry.nextHours().isAfter(now);
    }

    /**
     * Records a poll at {@code at} ({@code absence.workingHours()} null: not read, not usable or not readable — what
     * was known stays); true when the settings differ from what was known (a change to publish). No automatic replies known
     * counts as off: routing treats a user it knows no replies for as not away, so learning "off" is no news.
     */
    public synchronized boolean polled(String key, AbsenceSettings absence, Instant at) {
        Entry previous = entries.get(key);
        AutomaticReplies before = previous == null || previous.replies() == null ? AutomaticReplies.OFF
                : previous.replies();
        WorkingHours hoursBefore = previous == null ? null : previous.hours();
        WorkingHours hours = absence.workingHours() != null ? absence.workingHours() : hoursBefore;
        // Read but unusable or failed counts as read: the next try waits an hours-interval, not one poll.
        Instant nextHours = absence.hoursRead() || previous == null ? nextHours(at) : previous.nextHours();
        entries.put(key, previous != null && previous.asked()
                ? new Entry(absence.replies(), hours, previous.nextPoll(), previous.nextHours())
                : new Entry(absence.replies(), hours, next(at), nextHours));
        return !absence.replies().equals(before) || !Objects.equals(hours, hoursBefore);
    }

    /** A poll failed at {@code at}: what was known stays, the next poll comes an interval later. */
    public synchronized void failed(String key, Instant at) {
        Entry previous = entries.get(key);
        entries.put(key, previous == null ? new Entry(null, null, next(at), at)
                : new Entry(previous.replies(), previous.hours(), previous.asked() ? previous.nextPoll() : next(at),
                        previous.nextHours()));
    }

    /**
     * Up to {@code max} of {@code keys} whose poll is due at {@code now}, the most overdue first. Each handed out
     * counts as polled for now (its next poll an interval away), so no mailbox is handed out twice at once.
     */
    public synchronized List<String> due(Collection<String> keys, Instant now, int max) {
        List<String> due = new ArrayList<>();
        for (String key : keys) {
            Entry entry = entries.get(key);
            if (entry != null && !entry.nextPoll().isAfter(now)) {
                due.add(key);
            }
        }
        due.sort(Comparator.comparing(key -> entries.get(key).nextPoll()));
        List<String> taken = due.size() > max ? new ArrayList<>(due.subList(0, max)) : due;
        for (String key : taken) {
            Entry entry = entries.get(key);
            entries.put(key, new Entry(entry.replies(), entry.hours(), next(now), entry.nextHours()));
        }
        return taken;
    }

    /** Brings a tracked mailbox's next poll, with its working hours, forward to {@code at} (a resync asks for all). */
    public synchronized void pollAt(String key, Instant at) {
        Entry entry = entries.get(key);
        if (entry != null) {
            entries.put(key, new Entry(entry.replies(), entry.hours(),
                    entry.nextPoll().isAfter(at) ? at : entry.nextPoll(), at, true));
        }
    }

    /** Forgets mailboxes no longer synced here (opt-out, hand-over). */
    public synchronized void retainOnly(Set<String> keys) {
        entries.keySet().retainAll(keys);
    }

    /** How many mailboxes a poll round of {@code tick} may take out of {@code mailboxes}: twice the even share. */
    public int perTick(int mailboxes, Duration tick) {
        double share = mailboxes * (double) tick.toMillis() / Math.max(1, interval.toMillis());
        return Math.max(1, (int) Math.ceil(2 * share));
    }

    private Instant next(Instant at) {
        long millis = interval.toMillis();
        return at.plusMillis(millis - (long) (0.2 * millis * random.getAsDouble()));
    }

    private Instant nextHours(Instant at) {
        long millis = hoursInterval.toMillis();
        return at.plusMillis(millis - (long) (0.2 * millis * random.getAsDouble()));
    }
}
