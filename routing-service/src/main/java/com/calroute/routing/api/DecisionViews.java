package com.calroute.routing.api;

import com.calroute.routing.decisions.CallerMask;
import com.calroute.routing.decisions.Decision;
import com.calroute.routing.decisions.DecisionText;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The decision log's API shapes, and the step from a lookup's answer to the record the log keeps. */
public final class DecisionViews {

    private DecisionViews() {
    }

    /**
     * One decision as the API shows it: when, the called number, the caller masked but for its last 3 digits (null
     * when withheld), the state, what happened to the call and where, why (as data), and the console's one-line text
     * in the requested language.
     */
    public record DecisionView(Instant at, String number, String caller, String state, String action, String target,
                               Why reason, String text) {
    }

    /**
     * Why, as data: what decided ({@code source}), the winning item's busy type, the interval the reason held for,
     * why the caller rang through (PRIORITY_CALLER, COLLEAGUE), whether a forward chain looped, the tenant's subject code
     * or category that gave the item its busy type, and whether the item only showed the state. Never a subject.
     */
    public record Why(String source, String busyType, Instant from, Instant until, String ringThrough,
                      boolean forwardLoop, @JsonInclude(JsonInclude.Include.NON_NULL) String subjectCode,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String category, boolean showOnly) {
    }

    /** A page of decisions, newest first, since an instant. */
    public record Page(Instant since, List<DecisionView> decisions) {
    }

    /**
     * The record a lookup hands to the log: its answer's data (never its reason's subject) and the caller masked. Cheap
     * enough for the lookup path: one record and one short string.
     */
    static Decision decision(RouteView view, String caller, Instant at) {
        RouteView.ReasonView reason = view.reason();
        return new Decision(at, view.tenantId(), view.userId(), view.number(), CallerMask.mask(caller),
                view.state().name(), view.action().name(), view.target(), reason.source().name(),
                reason.busyType() == null ? null : reason.busyType().name(), view.since(), view.until(),
                reason.ringThrough() == null ? null : reason.ringThrough().name(), Boolean.TRUE.equals(reason.forwardLoop()),
                reason.subjectCode(), reason.category(), Boolean.TRUE.equals(reason.showOnly()));
    }

    /** The API shape of a stored decision, its text in {@code language} and {@code zone}. */
    static DecisionView view(Decision d, ZoneId zone, DecisionText.Language language) {
        return new DecisionView(d.at(), d.number(), d.caller(), d.state(), d.action(), d.target(),
                new Why(d.source(), d.busyType(), d.from(), d.until(), d.ringThrough(), d.forwardLoop(), d.subjectCode(),
                        d.category(), d.showOnly()),
                DecisionText.of(d, zone, language));
    }
}
