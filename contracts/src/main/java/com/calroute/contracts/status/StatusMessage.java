package com.calroute.contracts.status;

import com.calroute.contracts.CallAction;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A value on {@code calroute.status.v1}: the route-lookup shape plus {@code changedAt}. {@code target} is set
 * for FORWARD and SWITCHBOARD only; {@code until} is null when open-ended.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusMessage(
        String schema,
        long version,
        String number,
        String tenantId,
        String userId,
        StatusState state,
        CallAction action,
        String target,
        Instant since,
        Instant until,
        StatusReason reason,
        Instant changedAt) {

    /** The value of the {@code schema} field. */
    public static final String SCHEMA = "calroute.status.v1";
}
