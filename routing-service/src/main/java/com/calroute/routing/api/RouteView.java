package com.calroute.routing.api;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.status.ReasonSource;
import com.calroute.contracts.status.StatusState;
import com.calroute.routing.status.CallerRules;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * The route-lookup shape of PRODUCT.md: where a call to this number goes now, until when, and why; on a lookup by call
 * control, {@code announcement} is what an IVR or SMS may tell the caller (left out while the employee is available
 * or has turned it off).
 */
public record RouteView(String number, String tenantId, String userId, StatusState state, CallAction action,
                        String target, Instant since, Instant until, ReasonView reason, long version,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String announcement) {

    /** A view without an announcement (the employee's own status, the switchboard's). */
    public RouteView(String number, String tenantId, String userId, StatusState state, CallAction action, String target,
                     Instant since, Instant until, ReasonView reason, long version) {
        this(number, tenantId, userId, state, action, target, since, until, reason, version, null);
    }

    /**
     * Why: the winning calendar item and its busy type, the override, the default or UNKNOWN. On a route lookup
     * whose forward was followed through colleagues who forward too, {@code forwardedVia} lists their numbers; when
     * that chain looped or ran too long, {@code forwardLoop} is true and the call goes to voicemail. On a lookup that
     * named its caller, {@code ringThrough} says why that caller rings although the user's own status says otherwise.
     * {@code subjectCode}/{@code category} name the tenant's code or category that gave the item its busy type, and
     * {@code showOnly} is true when it only shows the status ({@code MØT;}): the call rings.
     */
    public record ReasonView(ReasonSource source, BusyType busyType, String itemId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String subject,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> forwardedVia,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Boolean forwardLoop,
                             @JsonInclude(JsonInclude.Include.NON_NULL) CallerRules.RingThrough ringThrough,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String subjectCode,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String category,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Boolean showOnly) {

        /** A reason without a subject code or category. */
        public ReasonView(ReasonSource source, BusyType busyType, String itemId, String subject,
                          List<String> forwardedVia, Boolean forwardLoop, CallerRules.RingThrough ringThrough) {
            this(source, busyType, itemId, subject, forwardedVia, forwardLoop, ringThrough, null, null, null);
        }
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
