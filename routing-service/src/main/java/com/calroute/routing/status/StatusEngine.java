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
 * <p>Automatic replies that are on count as an OOF item from their start (or the calendar window's start when
 * always on) to their end (none when always on), with the reason {@code AUTOMATIC_REPLIES}.
 * <p>Time outside the mailbox's working hours is {@code OUTSIDE_WORKING_HOURS} with the user's action for it and the
 * reason {@code WORKING_HOURS}, but only where nothing else applies: every busy type, the automatic replies and an
 * override beat it. Working hours count inside the calendar window only, like the free time they qualify: beyond it
 * nothing is known, and a calendar comes at least hourly with a window reaching two weeks ahead.
 * <p>Rules: FREE, cancelled and declined items are ignored, unanswered invitations count as the user chose (as
 * shown, tentative at most, or not at all); among items covering an instant the strongest busy type wins
 * (OOF > BUSY > WORKING_ELSEWHERE > TENTATIVE) and its item is the one of that type that started first (then
 * the one ending last, then the lowest item id), so the reason stays put while the meeting it names lasts; the
 * state holds until the last contiguous or overlapping item of that strength ends; a manual override beats the
 * calendar until it expires; SWITCHBOARD resolves to the tenant's switchboard number (ringing normally while it
 * is unknown). Free time inside the calendar window is {@code DEFAULT}, outside it {@code UNKNOWN}.
 * <p>Subject codes and categories ({@link ItemMeanings}): the item's busy type is what its code or category means,
 * whatever Exchange shows (cancelled and declined items still never count, and unanswered invitations still count as
 * the user chose). A diverting one routes like any item. A show-only one ({@code MØT;}) never changes where calls go:
 * every item, the automatic replies, the working hours and an override that route beat it, and where nothing does
 * the status shows its state with the action {@code RING} and {@code reason.showOnly}.
 */
public final class StatusEngine {

    private static final Comparator<Span> REASON_ORDER = Comparator.comparing(Span::from)
            .thenComparing(Span::to, Comparator.reverseOrder())
            .thenComparing(span -> span.item().itemId());

    /** The end of automatic replies that are on until switched off. */
    private static final Instant OPEN_END = Instant.MAX;
    /** The id the automatic replies take among the items when the engine orders them. */
    private static final String AUTOMATIC_REPLIES_ID = "automatic-replies";

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
        List<WorkingWeek.Stretch> outsideWorkingHours = outsideWorkingHours(input.calendar());
        TreeSet<Instant> boundaries = new TreeSet<>();
        for (Span span : spans) {
            boundaries.add(span.from());
            if (!span.to().equals(OPEN_END)) {
                boundaries.add(span.to());
            }
        }
        CalendarSnapshot calendar = input.calendar();
        if (calendar != null && calendar.syncEnabled()) {
            boundaries.add(calendar.windowStart());
            boundaries.add(calendar.windowEnd());
        }
        for (WorkingWeek.Stretch stretch : outsideWorkingHours) {
            boundaries.add(stretch.from());
            boundaries.add(stretch.to());
        }
        if (input.override() != null) {
            boundaries.add(input.override().since());
            boundaries.add(input.override().until());
        }

        List<StatusInterval> merged = new ArrayList<>();
        Instant from = RoutePlan.beginning();
        for (Instant to : boundaries) {
            append(merged, valueOf(input, spans, outsideWorkingHours, from, to));
            from = to;
        }
        append(merged, valueOf(input, spans, outsideWorkingHours, from, Instant.MAX));
        return new RoutePlan(merged);
    }

    /** The routing items placed in time; all-day items in their own zone, else the tenant's. */
    private static List<Span> spans(RoutingInput input) {
        List<Span> spans = new ArrayList<>();
        if (input.calendar() == null) {
            return spans;
        }
        ZoneId zone = input.tenantZone();
        for (Appointment shown : input.calendar().items()) {
            ItemMeanings.Meaning meaning = input.meanings().of(shown);
            Appointment meant = meaning == null ? shown : shown.withBusyType(meaning.busyType());
            Appointment item = meant.countedAs(input.settings().unanswered());
            if (item != null && item.routes()) {
                Instant from = item.effectiveStart(zone);
                Instant to = item.effectiveEnd(zone);
                if (from.isBefore(to)) {
                    spans.add(new Span(item, from, to, false, meaning));
                }
            }
        }
        AwayReplies replies = input.calendar().awayReplies();
        if (replies != null && input.calendar().syncEnabled()) {
            // "Always on" has no start: it counts from the start of what the calendar knows, and has no end.
            Instant from = replies.from() != null ? replies.from() : input.calendar().windowStart();
            Instant to = replies.until() != null ? replies.until() : OPEN_END;
            if (from.isBefore(to)) {
                spans.add(new Span(Appointment.timed(AUTOMATIC_REPLIES_ID, from, to, FreeBusy.OOF), from, to, true,
                        null));
            }
        }
        return spans;
    }

    /** The stretches of the calendar window outside the mailbox's working hours; none while they are not known. */
    private static List<WorkingWeek.Stretch> outsideWorkingHours(CalendarSnapshot calendar) {
        if (calendar == null || !calendar.syncEnabled() || calendar.workingWeek() == null) {
            return List.of();
        }
        return calendar.workingWeek().outside(calendar.windowStart(), calendar.windowEnd());
    }

    /**
     * The status throughout {@code from..to}. Every span start and end is a boundary, so each span covers such
     * an elementary interval entirely or not at all, and looking at its first instant suffices.
     */
    private static StatusInterval valueOf(RoutingInput input, List<Span> spans,
                                          List<WorkingWeek.Stretch> outsideWorkingHours, Instant from, Instant to) {
        boolean unboundedStart = from.equals(RoutePlan.beginning());
        if (!unboundedStart && input.override() != null && input.override().activeAt(from)) {
            ActionChoice resolved = resolve(input.override().choice(), input.switchboardNumber());
            return new StatusInterval(from, to, State.OVERRIDE, resolved.action(), targetOf(resolved, input),
                    Reason.OVERRIDE);
        }
        Span winner = null;
        Span shownOnly = null;
        if (!unboundedStart) {
            for (Span span : spans) {
                if (!span.from().isAfter(from) && span.to().isAfter(from)) {
                    if (span.showOnly()) {
                        shownOnly = beats(span, shownOnly) ? span : shownOnly;
                    } else if (beats(span, winner)) {
                        winner = span;
                    }
                }
            }
        }
        if (winner != null) {
            FreeBusy busyType = winner.item().busyType();
            ActionChoice resolved = resolve(input.settings().choiceFor(busyType), input.switchboardNumber());
            return new StatusInterval(from, to, busyType.state(), resolved.action(), targetOf(resolved, input),
                    winner.automaticReplies() ? Reason.AUTOMATIC_REPLIES : winner.reason());
        }
        if (!unboundedStart) {
            for (WorkingWeek.Stretch stretch : outsideWorkingHours) {
                if (stretch.contains(from)) {
                    ActionChoice resolved = resolve(input.settings().outsideWorkingHours(), input.switchboardNumber());
                    return new StatusInterval(from, to, State.OUTSIDE_WORKING_HOURS, resolved.action(),
                            targetOf(resolved, input), Reason.WORKING_HOURS);
                }
            }
        }
        if (shownOnly != null) {
            return new StatusInterval(from, to, shownOnly.item().busyType().state(), Action.RING, null,
                    shownOnly.reason());
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

    /**
     * An item placed in time, or the automatic replies (as an OOF item); {@code meaning} is what its subject code or
     * category made of it, null when neither did.
     */
    private record Span(Appointment item, Instant from, Instant to, boolean automaticReplies,
                        ItemMeanings.Meaning meaning) {

        /** Whether the item only shows the status ({@code MØT;}, a show-only category): it never routes calls. */
        boolean showOnly() {
            return meaning != null && !meaning.diverts();
        }

        Reason reason() {
            if (meaning == null) {
                return Reason.calendar(item);
            }
            return Reason.calendar(item, meaning.byCode(), !meaning.byCode(), showOnly());
        }
    }
}
