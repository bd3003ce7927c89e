package com.calroute.config.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The id of a deleted tenant: never given out again, since former tenant admins' tokens still carry it. */
@Entity
@Table(name = "retired_tenant_id")
public class RetiredTenantId {

    @Id
    public String id;

    @Column(name = "retired_at", nullable = false)
    public Instant retiredAt;

    protected RetiredTenantId() {
    }

    RetiredTenantId(String id, Instant retiredAt) {
        this.id = id;
        this.retiredAt = retiredAt.truncatedTo(ChronoUnit.MILLIS);
    }
}
