package com.calroute.routing.ingest;

import com.calroute.contracts.CallAction;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A value on routing's internal compacted topic {@code calroute.overrides.v1}: a user's manual override from
 * {@code since} until {@code until}. Removal is a tombstone. {@code target} is the E.164 number for FORWARD.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OverrideMessage(String schema, long version, String tenantId, String userId, CallAction action,
                              String target, Instant since, Instant until) {

    /** The value of the {@code schema} field. */
    public static final String SCHEMA = "calroute.overrides.v1";
}
