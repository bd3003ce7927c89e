package com.calroute.config.tenant;

import com.calroute.contracts.tenants.ConnectionKind;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the tenant API. */
public final class TenantApi {

    private TenantApi() {
    }

    /** {@code POST /api/v1/tenants}. */
    public record CreateTenant(String id, String name, String switchboardNumber, String timeZone, Boolean subjectSharing) {
    }

    /** {@code PATCH /api/v1/tenants/{id}}: absent (null) fields stay as they are. */
    public record PatchTenant(String name, String switchboardNumber, String timeZone, Boolean subjectSharing) {
    }

    /** A tenant as the API shows it. */
    public record TenantView(String id, String name, String switchboardNumber, String timeZone, boolean subjectSharing,
                             ConnectionKind connectionKind, long connectionVersion, long version, Instant createdAt,
                             Instant updatedAt) {

        static TenantView of(Tenant t) {
            return new TenantView(t.id, t.name, t.switchboardNumber, t.timeZone, t.subjectSharing, t.connectionKind,
                    t.connectionVersion, t.version, t.createdAt, t.updatedAt);
        }
    }

    /** One page of tenants. */
    public record TenantPage(List<TenantView> items, int page, int size, long total) {
    }
}
