package com.calroute.contracts.tenants;

import com.calroute.contracts.forwarding.ForwardTargets;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A value on {@code calroute.tenants.v1}: what sync and routing need of a tenant. Never carries secrets;
 * {@code connectionVersion} changes on every save of the connection so sync knows to re-fetch it.
 * {@code connectionKind} is null while no connection is configured. {@code forwardPolicy} is where the tenant's
 * employees may forward calls (routing applies it to overrides); {@code country} (ISO 3166-1 alpha-2, absent: NO) is
 * how numbers typed without a country code are read. {@code itemCodes} are the tenant's subject codes and Outlook
 * categories and what each means (null, from producers that predate them: none). Deletion is a tombstone.
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
        ForwardTargets.Policy forwardPolicy,
        String country,
        ItemCodes itemCodes) {

    /** The value of the {@code schema} field. */
    public static final String SCHEMA = "calroute.tenants.v1";
}
