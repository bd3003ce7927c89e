package com.calroute.config.tenant;

import com.calroute.contracts.tenants.ConnectionKind;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the tenant API. */
public final class TenantApi {

    private TenantApi() {
    }

    /**
     * {@code POST /api/v1/tenants}. Without {@code numbers} the tenant holds its switchboard number only; with them the
     * switchboard must be one of them.
     */
    public record CreateTenant(String id, String name, String switchboardNumber, String timeZone, Boolean subjectSharing,
                               Boolean forwardInternational, Numbers numbers, String country) {
    }

    /** {@code PATCH /api/v1/tenants/{id}}: absent (null) fields stay as they are. */
    public record PatchTenant(String name, String switchboardNumber, String timeZone, Boolean subjectSharing,
                              Boolean forwardInternational, String country) {
    }

    /** A tenant as the API shows it. */
    public record TenantView(String id, String name, String switchboardNumber, String timeZone, boolean subjectSharing,
                             boolean forwardInternational, ConnectionKind connectionKind, long connectionVersion,
                             long version, Instant createdAt, Instant updatedAt, String country) {

        static TenantView of(Tenant t) {
            return new TenantView(t.id, t.name, t.switchboardNumber, t.timeZone, t.subjectSharing, t.forwardInternational,
                    t.connectionKind, t.connectionVersion, t.version, t.createdAt, t.updatedAt, t.country);
        }
    }

    /** A tenant's numbers, {@code GET|PUT /api/v1/tenants/{id}/numbers}: {"ranges":[{"from":…,"to":…}]}. */
    public record Numbers(List<NumberRange> ranges) {
    }

    /** E.164 numbers {@code from} to {@code to}, both included and of equal length; {@code to} may be left out for one. */
    public record NumberRange(String from, String to) {
    }

    /** One page of tenants. */
    public record TenantPage(List<TenantView> items, int page, int size, long total) {
    }
}
