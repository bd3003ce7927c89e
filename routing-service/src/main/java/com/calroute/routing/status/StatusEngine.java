package com.calroute.routing.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a user's settings, override and calendar into their call-handling status over time. Pure: no framework,
 * no I/O; the only notion of "now" is the {@link Clock} it is given.
 *
 * <p>Rules: FREE and cancelled items are ignored; among items covering an instant the strongest busy type wins
 * (OOF > BUSY > WORKING_ELSEWHERE > TENTATIVE) and its item is the one of that type that started first (then
 * the one ending last, then the lowest item id), so the reason stays put while the meeting it names lasts; the
 * state holds until the last contiguous or overlapping item of that strength ends; a manual override beats the
 * calendar until it expires; SWITCHBOARD resolves to the tenant's switchboard number (ringing normally while it
 * is unknown). Free time inside the calendar window is {@code DEFAULT}, outside it {@code UNKNOWN}.
 */
public final class StatusEngine {

    private static final Comparator<Span> REASON_ORDER = Comparator.comparing(Span::from)
            .thenComparing(Span::to, Comparator.reverseOrder())
            .thenComparing(span -> span.item().itemId());

    private final Clock clock;

    /** An engine reading "now" from {@code clock}. */
    public StatusEngine(Clock clock) {
        this.clock = clock;
    }

    /** The user's status right now. */
    public Status current(RoutingInput input) {
        return plan(input).statusAt(clock.instant());
    }

    /** The user's status intervals between two instants, e.g. "what will happen to my calls tomorrow". */
    public List<StatusInterval> timeline(RoutingInput input, Instant from, Instant to) {
        return plan(input).timeline(from, to);
    }

    /** The user's status over all of time, precomputed for lookups evaluated at request time. */
    public RoutePlan plan(RoutingInput input) {
        List<Span> spans = spans(input);
        TreeSet<Instant> boundaries = new TreeSet<>();
        for (Span span : spans) {
            boundaries.add(span.from());
            boundaries.add(span.to());
        }
        CalendarSnapshot calendar = input.calendar();
        if (calendar != null && calendar.syncEnabled()) {
            boundaries.add(calendar.windowStart());
            boundaries.add(calendar.windowEnd());
        }
        if (input.override() != null) {
            boundaries.add(input.override().since());
            boundaries.add(input.override().until());
        }

        List<StatusInterval> merged = new ArrayList<>();
        Instant from = RoutePlan.beginning();
        for (Instant to : boundaries) {
            append(merged, valueOf(input, spans, from, to));
            from = to;
        }
        append(merged, valueOf(input, spans, from, Instant.MAX));
        return new RoutePlan(merged);
    }

    /** The routing items placed in time; all-day items in their own zone, else the tenant's. */
    private static List<Span> spans(RoutingInput input) {
        List<Span> spans = new ArrayList<>();
        if (input.calendar() == null) {
            return spans;
        }
        ZoneId zone = input.tenantZone();
        for (Appointment item : input.calendar().items()) {
            if (item.routes()) {
                Instant from = item.effectiveStart(zone);
                Instant to = item.effectiveEnd(zone);
                if (from.isBefore(to)) {
                    spans.add(new Span(item, from, to));
                }
            }
        }
        return spans;
    }

    /**
     * The status throughout {@code from..to}. Every span start and end is a boundary, so each span covers such
     * an elementary interval entirely or not at all, and looking at its first instant suffices.
     */
    private static StatusInterval valueOf(RoutingInput input, List<Span> spans, Instant from, Instant to) {
        boolean unboundedStart = from.equals(RoutePlan.beginning());
        if (!unboundedStart && input.override() != null && input.override().activeAt(from)) {
            ActionChoice resolved = resolve(input.override().choice(), input.switchboardNumber());
            return new StatusInterval(from, to, State.OVERRIDE, resolved.action(), targetOf(resolved, input),
                    Reason.OVERRIDE);
        }
        Span winner = null;
        if (!unboundedStart) {
            for (Span span : spans) {
                if (!span.from().isAfter(from) && span.to().isAfter(from) && beats(span, winner)) {
                    winner = span;
                }
            }
        }
        if (winner != null) {
            FreeBusy busyType = winner.item().busyType();
            ActionChoice resolved = resolve(input.settings().choiceFor(busyType), input.switchboardNumber());
            return new StatusInterval(from, to, busyType.state(), resolved.action(), targetOf(resolved, input),
                    Reason.calendar(winner.item()));
        }
        CalendarSnapshot calendar = input.calendar();
        boolean known = calendar != null && (!calendar.syncEnabled() || !unboundedStart && calendar.knows(from));
        return new StatusInterval(from, to, State.AVAILABLE, Action.RING, null, known ? Reason.DEFAULT : Reason.UNKNOWN);
    }

    private static boolean beats(Span candidate, Span current) {
        if (current == null) {
            return true;
        }
        int byStrength = Integer.compare(candidate.item().busyType().strength(), current.item().busyType().strength());
        return byStrength > 0 || byStrength == 0 && REASON_ORDER.compare(candidate, current) < 0;
    }

    /** SWITCHBOARD means the tenant's switchboard; while that number is unknown the call rings normally. */
    private static ActionChoice resolve(ActionChoice choice, String switchboardNumber) {
        if (choice.action() == Action.SWITCHBOARD && switchboardNumber == null) {
            return ActionChoice.RING;
        }
        return choice;
    }

    private static String targetOf(ActionChoice resolved, RoutingInput input) {
        return switch (resolved.action()) {
            case FORWARD -> resolved.target();
            case SWITCHBOARD -> input.switchboardNumber();
            default -> null;
        };
    }

    private static void append(List<StatusInterval> merged, StatusInterval next) {
        if (!merged.isEmpty()) {
            StatusInterval last = merged.get(merged.size() - 1);
            if (RoutePlan.sameStatus(last, next)) {
                merged.set(merged.size() - 1,
                        new StatusInterval(last.from(), next.to(), last.state(), last.action(), last.target(),
                                last.reason()));
                return;
            }
        }
        merged.add(next);
    }

    /** An item placed in time. */
    private record Span(Appointment item, Instant from, Instant to) {
    }
}
