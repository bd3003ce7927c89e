package com.calroute.routing.api;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.Patterns;
import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.contracts.status.ReasonSource;
import com.calroute.contracts.status.StatusState;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.routing.RoutingConfig;
import com.calroute.routing.RoutingLifecycle;
import com.calroute.routing.RoutingNode;
import com.calroute.routing.contract.ContractTypes;
import com.calroute.routing.decisionlog.DecisionLog;
import com.calroute.routing.ingest.MessageParser;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.override.OverrideStore;
import com.calroute.routing.status.CallerRules;
import com.calroute.routing.status.ForwardChain;
import com.calroute.routing.status.Reason;
import com.calroute.routing.status.Status;
import com.calroute.routing.status.StatusInterval;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.calroute.routing.problem.ProblemMapper.INVALID_DETAIL;

/**
 * What the resources ask of the routing table: lookups evaluated against the clock at request time, timelines,
 * and override writes. Everything reads memory; only override writes touch Kafka. Singletons all the way from the
 * resource to the node and the decision log: a client proxy per call was a tenth of a lookup's own work.
 */
@Singleton
public class StatusQueries {

    /** The benchmark's ceiling answer: a user in a meeting, as a lookup answers it (the bench's sample, 303 bytes). */
    private static final RouteView CEILING = new RouteView("+4791234567", "bench", "user-0", StatusState.BUSY,
            CallAction.VOICEMAIL, null, Instant.parse("2026-12-06T16:32:00Z"), Instant.parse("2026-12-06T17:32:00Z"),
            new RouteView.ReasonView(ReasonSource.CALENDAR, BusyType.BUSY, "now-0", null, List.of(), null, null), 2,
            "Den du ringer er i møte til 18:32");

    private final RoutingLifecycle lifecycle;
    private final RoutingConfig config;
    private final DecisionLog decisions;

    StatusQueries(RoutingLifecycle lifecycle, RoutingConfig config, DecisionLog decisions) {
        this.lifecycle = lifecycle;
        this.config = config;
        this.decisions = decisions;
    }

    /**
     * The route of a number right now for a call from {@code callerText} (the call-control hot path): the user's own
     * status, unless the caller rings through it ({@link CallerRules}). No caller, or an empty one (a withheld
     * number), answers exactly as before caller rules existed.
     */
    public RouteView routeOf(String number, String callerText) {
        if (!MessageParser.isE164(number)) {
            throw ApiException.invalid(INVALID_DETAIL, List.of(new Problem.FieldError("e164",
                    FieldErrorCodes.INVALID_PHONE_NUMBER,
                    "must be an E.164 number like +4791234567")));
        }
        String caller = caller(callerText);
        RoutingNode node = readyNode();
        UserRoute route = node.table().byNumber(number);
        if (route == null) {
            throw ApiException.notFound("No enrolled user has this number.");
        }
        Instant now = node.clock().instant();
        RouteView view = decide(node, route, caller, now);
        decisions.record(DecisionViews.decision(view, caller, now));
        return view;
    }

    /**
     * What a call from {@code callerText} to the user would do at {@code atText} (an ISO instant; now when left out):
     * the very decision a lookup at that instant makes, by the same engine. Not recorded in the decision log.
     */
    public RouteView whatIf(UserRoute route, String atText, String callerText) {
        RoutingNode node = readyNode();
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant at = parse(atText, "at", node.clock().instant(), errors);
        String caller = null;
        try {
            caller = caller(callerText);
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(INVALID_DETAIL, errors);
        }
        return decide(node, route, caller, at);
    }

    /**
     * The route lookup's decision at instant {@code at}: the user's own status, unless the caller rings through it
     * ({@link CallerRules}); a forward followed through colleagues at the same instant ({@link ForwardChain}).
     */
    private RouteView decide(RoutingNode node, UserRoute route, String caller, Instant at) {
        Status own = route.plan().statusAt(at);
        CallerRules.RingThrough ringThrough = route.callerRules().ringThrough(route.number(), own, caller,
                colleague -> isColleague(node, route.tenantId(), colleague));
        if (ringThrough != null) {
            Status ringing = CallerRules.ringing(own);
            return new RouteView(route.number(), route.tenantId(), route.userId(),
                    ContractTypes.state(ringing.state()), CallAction.RING, null, ringing.since(), ringing.until(),
                    reason(ringing.reason(), List.of(), null, ringThrough),
                    node.publisher().versionFor(route.key(), route, own), announcement(route, own, at));
        }
        ForwardChain.Resolution call = ForwardChain.resolve(route.number(), own, target ->
                Optional.ofNullable(node.table().byNumber(target)).map(colleague -> colleague.plan().statusAt(at)));
        Status status = call.status();
        RouteView.ReasonView reason = reason(status.reason(), call.forwardedVia(), call.loop() ? Boolean.TRUE : null,
                null);
        return new RouteView(route.number(), route.tenantId(), route.userId(), ContractTypes.state(status.state()),
                ContractTypes.callAction(status.action()), status.target(), status.since(), status.until(), reason,
                node.publisher().versionFor(route.key(), route, own), announcement(route, own, at));
    }

    /** What the caller may be told of the dialled employee's own status; null when off or nothing to say. */
    private static String announcement(UserRoute route, Status own, Instant now) {
        return route.announcement() == null ? null : route.announcement().at(own, now);
    }

    /**
     * The caller's number, or null when none was given (or an empty one: a withheld number). A {@code +} sent
     * unencoded in a query string arrives as a space; it is read as the plus it was.
     */
    private static String caller(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String caller = text.charAt(0) == ' ' ? '+' + text.substring(1) : text;
        if (!MessageParser.isE164(caller)) {
            throw ApiException.invalid(INVALID_DETAIL, List.of(new Problem.FieldError("caller",
                    FieldErrorCodes.INVALID_PHONE_NUMBER,
                    "must be an E.164 number like +4791234567 (send + as %2B), or left out")));
        }
        return caller;
    }

    /** Whether {@code number} is the mobile number of an enrolled user of {@code tenantId}. */
    private static boolean isColleague(RoutingNode node, String tenantId, String number) {
        UserRoute colleague = node.table().byNumber(number);
        return colleague != null && colleague.tenantId().equals(tenantId);
    }

    /** The enrolled user of this tenant whose enrolment is bound to this login. */
    public UserRoute employee(String tenantId, LinkedLogin login) {
        UserRoute route = readyNode().table().byLogin(tenantId, login);
        if (route == null) {
            throw new ApiException(409, ProblemTypes.LOGIN_NOT_LINKED, "Login not linked",
                    "Your login is not linked to an enrolment of your company yet. Open your Calroute settings once:"
                            + " signing in there links your login to your enrolment when your verified e-mail address"
                            + " is the enrolled one.");
        }
        return route;
    }

    /** A user of a tenant, for that tenant's admin. */
    public UserRoute userOf(String tenantId, String userId) {
        UserRoute route = readyNode().table().byKey(tenantId + "/" + userId);
        if (route == null) {
            throw ApiException.notFound("No such user.");
        }
        return route;
    }

    /** The tenant's switchboard view, a page at a time (page and size as sent, validated here). */
    public Switchboard.Page switchboard(String tenantId, String pageText, String sizeText, String q) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int page = whole(pageText, "page", 0, 0, Integer.MAX_VALUE / Switchboard.MAX_SIZE, errors);
        int size = whole(sizeText, "size", Switchboard.DEFAULT_SIZE, 1, Switchboard.MAX_SIZE, errors);
        if (q != null && q.length() > 100) {
            errors.add(new Problem.FieldError("q", FieldErrorCodes.TOO_LONG, "must be at most 100 characters",
                    Map.of("max", "100")));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(INVALID_DETAIL, errors);
        }
        RoutingNode node = readyNode();
        return Switchboard.page(tenantId, node.table().routesOf(tenantId), node.clock().instant(), q, page, size);
    }

    private static int whole(String text, String field, int fallback, int min, int max, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, FieldErrorCodes.NOT_A_NUMBER, "must be a whole number"));
            return fallback;
        }
        errors.add(new Problem.FieldError(field, FieldErrorCodes.OUT_OF_RANGE, "must be between " + min + " and " + max,
                Map.of("min", String.valueOf(min), "max", String.valueOf(max))));
        return fallback;
    }

    /** The user's status right now. */
    public RouteView statusOf(UserRoute route) {
        return view(readyNode(), route);
    }

    /** The user's status intervals between {@code from} and {@code to} (ISO instants; defaults now and +1 day). */
    public RouteView.Timeline timeline(UserRoute route, String fromText, String toText) {
        Instant now = readyNode().clock().instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant from = parse(fromText, "from", now, errors);
        Instant to = parse(toText, "to", from == null ? null : from.plus(Duration.ofDays(1)), errors);
        if (errors.isEmpty() && !from.isBefore(to)) {
            errors.add(new Problem.FieldError("to", FieldErrorCodes.NOT_AFTER_START, "must be after from",
                    Map.of("from", from.toString())));
        }
        Duration max = config.routing().maxTimelineRange();
        if (errors.isEmpty() && Duration.between(from, to).compareTo(max) > 0) {
            errors.add(new Problem.FieldError("to", FieldErrorCodes.RANGE_TOO_LONG,
                    "the range may span at most " + max.toDays() + " days", Map.of("maxDays", String.valueOf(max.toDays()))));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(INVALID_DETAIL, errors);
        }
        List<RouteView.Interval> intervals = new ArrayList<>();
        for (StatusInterval i : route.plan().timeline(from, to)) {
            intervals.add(new RouteView.Interval(i.from(), i.to(), ContractTypes.state(i.state()),
                    ContractTypes.callAction(i.action()), i.target(), reason(i.reason())));
        }
        return new RouteView.Timeline(from, to, intervals);
    }

    /** Sets the user's override after validating it; returns the resulting status. */
    public RouteView setOverride(UserRoute route, RouteView.OverrideRequest request) {
        RoutingNode node = readyNode();
        Instant now = node.clock().instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ApiException.malformed("A JSON body is required.");
        }
        if (request.action() == null) {
            errors.add(new Problem.FieldError("action", FieldErrorCodes.REQUIRED,
                    "is required: RING, VOICEMAIL, FORWARD, SWITCHBOARD or BUSY"));
        }
        if (request.until() == null) {
            errors.add(new Problem.FieldError("until", FieldErrorCodes.REQUIRED, "is required"));
        } else if (!request.until().isAfter(now)) {
            errors.add(new Problem.FieldError("until", FieldErrorCodes.IN_THE_PAST, "must be in the future"));
        } else if (request.until().isAfter(now.plus(config.routing().maxOverrideAhead()))) {
            errors.add(new Problem.FieldError("until", FieldErrorCodes.TOO_FAR_AHEAD,
                    "may be at most " + config.routing().maxOverrideAhead().toDays() + " days ahead",
                    Map.of("maxDays", String.valueOf(config.routing().maxOverrideAhead().toDays()))));
        }
        String target = request.target();
        if (request.action() != null && request.action().needsTarget()) {
            String country = node.table().country(route.tenantId());
            target = target == null || target.isBlank() ? null : Patterns.toE164(target, country).orElse(null);
            if (target == null) {
                errors.add(new Problem.FieldError("target", request.target() == null || request.target().isBlank()
                        ? FieldErrorCodes.REQUIRED : FieldErrorCodes.INVALID_PHONE_NUMBER,
                        "FORWARD needs a phone number such as 912 34 567 or +4791234567",
                        country == null ? Map.of() : Map.of("country", country)));
            } else {
                ForwardTargets.Refusal refusal = ForwardTargets.check(target, route.number(),
                        node.table().forwardPolicy(route.tenantId()));
                if (refusal != null) {
                    errors.add(new Problem.FieldError("target", refusal.code(), refusal.message()));
                }
            }
        } else if (request.action() != null && request.target() != null) {
            errors.add(new Problem.FieldError("target", FieldErrorCodes.NOT_APPLICABLE, "only FORWARD takes a target"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(INVALID_DETAIL, errors);
        }
        try {
            node.overrides().put(route, request.action(), target, request.until());
        } catch (OverrideStore.OverrideWriteException e) {
            throw unavailable(e);
        }
        return view(node, node.table().byKey(route.key()));
    }

    /** Removes the user's override. */
    public void removeOverride(UserRoute route) {
        try {
            readyNode().overrides().remove(route);
        } catch (OverrideStore.OverrideWriteException e) {
            throw unavailable(e);
        }
    }

    /**
     * The benchmark's ceiling: a fixed answer of a lookup's shape and size (a user in a meeting, with the reason and
     * the announcement a lookup gives), without the table; 404 unless {@code calroute.bench.ceiling-endpoint}.
     */
    public RouteView ceiling() {
        if (!config.bench().ceilingEndpoint()) {
            throw ApiException.notFound(null);
        }
        return CEILING;
    }

    private RoutingNode readyNode() {
        RoutingNode node = lifecycle.node();
        if (!node.isReady()) {
            throw new ApiException(503, ProblemTypes.UNAVAILABLE, "Starting",
                    "The routing table is still catching up; retry shortly.");
        }
        return node;
    }

    private static RouteView view(RoutingNode node, UserRoute route) {
        Status status = route.plan().statusAt(node.clock().instant());
        return new RouteView(route.number(), route.tenantId(), route.userId(), ContractTypes.state(status.state()),
                ContractTypes.callAction(status.action()), status.target(), status.since(), status.until(),
                reason(status.reason()), node.publisher().versionFor(route.key(), route, status));
    }

    private static RouteView.ReasonView reason(Reason reason) {
        return reason(reason, List.of(), null, null);
    }

    private static RouteView.ReasonView reason(Reason reason, List<String> forwardedVia, Boolean forwardLoop,
                                               CallerRules.RingThrough ringThrough) {
        return new RouteView.ReasonView(ContractTypes.source(reason.source()),
                ContractTypes.busyType(reason.busyType()), reason.itemId(), reason.subject(), forwardedVia, forwardLoop,
                ringThrough, reason.subjectCode(), reason.category(), reason.showOnly() ? Boolean.TRUE : null);
    }

    private static Instant parse(String text, String field, Instant fallback, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, FieldErrorCodes.INVALID_INSTANT,
                    "must be an ISO-8601 instant like 2026-12-01T09:00:00Z"));
            return null;
        }
    }

    private static ApiException unavailable(OverrideStore.OverrideWriteException e) {
        return new ApiException(503, ProblemTypes.UNAVAILABLE, "Override not stored",
                "The override store (Kafka) did not confirm the change, so nothing changed; try again shortly.");
    }
}
