package com.calroute.routing.api;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.contracts.status.ReasonSource;
import com.calroute.contracts.status.StatusState;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.routing.RoutingConfig;
import com.calroute.routing.RoutingLifecycle;
import com.calroute.routing.RoutingNode;
import com.calroute.routing.ingest.MessageParser;
import com.calroute.routing.ingest.UserRoute;
import com.calroute.routing.override.OverrideStore;
import com.calroute.routing.status.ForwardChain;
import com.calroute.routing.status.Reason;
import com.calroute.routing.status.Status;
import com.calroute.routing.status.StatusInterval;
import com.calroute.routing.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the resources ask of the routing table: lookups evaluated against the clock at request time, timelines,
 * and override writes. Everything reads memory; only override writes touch Kafka.
 */
@ApplicationScoped
public class StatusQueries {

    private final RoutingLifecycle lifecycle;
    private final RoutingConfig config;

    StatusQueries(RoutingLifecycle lifecycle, RoutingConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    /** The route of a number right now (the call-control hot path). */
    public RouteView routeOf(String number) {
        if (!MessageParser.isE164(number)) {
            throw ApiException.invalid(List.of(new Problem.FieldError("e164", "must be an E.164 number like +4791234567")));
        }
        RoutingNode node = readyNode();
        UserRoute route = node.table().byNumber(number);
        if (route == null) {
            throw new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", "No enrolled user has this number.");
        }
        Instant now = node.clock().instant();
        Status own = route.plan().statusAt(now);
        ForwardChain.Resolution call = ForwardChain.resolve(route.number(), own, target ->
                Optional.ofNullable(node.table().byNumber(target)).map(colleague -> colleague.plan().statusAt(now)));
        Status status = call.status();
        RouteView.ReasonView reason = reason(status.reason(), call.forwardedVia(), call.loop() ? Boolean.TRUE : null);
        return new RouteView(route.number(), route.tenantId(), route.userId(), StatusState.valueOf(status.state().name()),
                CallAction.valueOf(status.action().name()), status.target(), status.since(), status.until(), reason,
                node.publisher().versionFor(route.key(), route, own));
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
            throw new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", "No such user.");
        }
        return route;
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
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        Duration max = config.routing().maxTimelineRange();
        if (errors.isEmpty() && Duration.between(from, to).compareTo(max) > 0) {
            errors.add(new Problem.FieldError("to", "the range may span at most " + max.toDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<RouteView.Interval> intervals = new ArrayList<>();
        for (StatusInterval i : route.plan().timeline(from, to)) {
            intervals.add(new RouteView.Interval(i.from(), i.to(), StatusState.valueOf(i.state().name()),
                    CallAction.valueOf(i.action().name()), i.target(), reason(i.reason())));
        }
        return new RouteView.Timeline(from, to, intervals);
    }

    /** Sets the user's override after validating it; returns the resulting status. */
    public RouteView setOverride(UserRoute route, RouteView.OverrideRequest request) {
        RoutingNode node = readyNode();
        Instant now = node.clock().instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ApiException(400, ProblemTypes.MALFORMED, "Malformed request", "A JSON body is required.");
        }
        if (request.action() == null) {
            errors.add(new Problem.FieldError("action", "is required: RING, VOICEMAIL, FORWARD, SWITCHBOARD or BUSY"));
        }
        if (request.until() == null) {
            errors.add(new Problem.FieldError("until", "is required"));
        } else if (!request.until().isAfter(now)) {
            errors.add(new Problem.FieldError("until", "must be in the future"));
        } else if (request.until().isAfter(now.plus(config.routing().maxOverrideAhead()))) {
            errors.add(new Problem.FieldError("until",
                    "may be at most " + config.routing().maxOverrideAhead().toDays() + " days ahead"));
        }
        if (request.action() == CallAction.FORWARD && !MessageParser.isE164(request.target())) {
            errors.add(new Problem.FieldError("target", "FORWARD needs an E.164 number"));
        } else if (request.action() == CallAction.FORWARD) {
            String refusal = ForwardTargets.refusal(request.target(), route.number(),
                    node.table().forwardPolicy(route.tenantId()));
            if (refusal != null) {
                errors.add(new Problem.FieldError("target", refusal));
            }
        } else if (request.action() != null && request.action() != CallAction.FORWARD && request.target() != null) {
            errors.add(new Problem.FieldError("target", "only FORWARD takes a target"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        try {
            node.overrides().put(route, request.action(), request.target(), request.until());
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

    /** The bare answer the benchmark compares lookups with: same auth and JSON, no table. */
    public boolean ceilingEnabled() {
        return config.bench().ceilingEndpoint();
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
        return new RouteView(route.number(), route.tenantId(), route.userId(), StatusState.valueOf(status.state().name()),
                CallAction.valueOf(status.action().name()), status.target(), status.since(), status.until(),
                reason(status.reason()), node.publisher().versionFor(route.key(), route, status));
    }

    private static RouteView.ReasonView reason(Reason reason) {
        return reason(reason, List.of(), null);
    }

    private static RouteView.ReasonView reason(Reason reason, List<String> forwardedVia, Boolean forwardLoop) {
        return new RouteView.ReasonView(ReasonSource.valueOf(reason.source().name()),
                reason.busyType() == null ? null : BusyType.valueOf(reason.busyType().name()), reason.itemId(),
                reason.subject(), forwardedVia, forwardLoop);
    }

    private static Instant parse(String text, String field, Instant fallback, List<Problem.FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant like 2026-12-01T09:00:00Z"));
            return null;
        }
    }

    private static ApiException unavailable(OverrideStore.OverrideWriteException e) {
        return new ApiException(503, ProblemTypes.UNAVAILABLE, "Override not stored",
                "The override store (Kafka) did not confirm the change, so nothing changed; try again shortly.");
    }
}
