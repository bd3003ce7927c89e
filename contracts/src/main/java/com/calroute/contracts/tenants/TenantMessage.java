package com.calroute.contracts.tenants;

import com.calroute.contracts.forwarding.ForwardTargets;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A value on {@code calroute.tenants.v1}: what sync and routing need of a tenant. Never carries secrets;
 * {@code connectionVersion} changes on every save of the connection so sync knows to re-fetch it.
 * {@code connectionKind} is null while no connection is configured. {@code forwardPolicy} is where the tenant's
 * employees may forward calls (routing applies it to overrides). Deletion is a tombstone.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantMessage(
        String schema,
        long version,
        String tenantId,
        String name,
        String switchboardNumber,
        String timeZone,
        boolean subjectSharing,
        ConnectionKind connectionKind,
        long connectionVersion,
        Instant changedAt,
        ForwardTargets.Policy forwardPolicy) {

    /** The value of the {@code schema} field. */
    public static final String SCHEMA = "calroute.tenants.v1";
}
