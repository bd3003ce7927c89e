package com.calroute.routing.api;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.ReasonSource;
import com.calroute.contracts.status.StatusState;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** The route-lookup shape of PRODUCT.md: where a call to this number goes now, until when, and why. */
public record RouteView(String number, String tenantId, String userId, StatusState state, CallAction action,
                        String target, Instant since, Instant until, ReasonView reason, long version) {

    /**
     * Why: the winning calendar item and its busy type, the override, the default or UNKNOWN. On a route lookup
     * whose forward was followed through colleagues who forward too, {@code forwardedVia} lists their numbers; when
     * that chain looped or ran too long, {@code forwardLoop} is true and the call goes to voicemail.
     */
    public record ReasonView(ReasonSource source, BusyType busyType, String itemId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String subject,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> forwardedVia,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Boolean forwardLoop) {
    }

    /** A user's status intervals between two instants. */
    public record Timeline(Instant from, Instant to, List<Interval> intervals) {
    }

    /** One stretch of the same status. */
    public record Interval(Instant from, Instant to, StatusState state, CallAction action, String target,
                           ReasonView reason) {
    }

    /** The body of {@code PUT /api/v1/me/status/override}. */
    public record OverrideRequest(CallAction action, Instant until, String target) {
    }
}
