package com.calroute.config.tenant;

import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.contracts.tenants.TenantMessage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A customer company. {@code version} rises with every change and is the version of its tenants.v1 message. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "switchboard_number", nullable = false)
    public String switchboardNumber;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "subject_sharing", nullable = false)
    public boolean subjectSharing;

    /** Whether the operator lets this tenant's employees forward calls abroad. */
    @Column(name = "forward_international", nullable = false)
    public boolean forwardInternational;

    @Enumerated(EnumType.STRING)
    @Column(name = "connection_kind")
    public ConnectionKind connectionKind;

    @Column(name = "connection_version", nullable = false)
    public long connectionVersion;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Marks a change made at {@code now}: the next version. */
    void changed(Instant now) {
        version++;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The tenants.v1 value announcing this state (never secrets); {@code countryCode} is the operator's national one. */
    TenantMessage message(String countryCode) {
        return new TenantMessage(TenantMessage.SCHEMA, version, id, name, switchboardNumber, timeZone, subjectSharing,
                connectionKind, connectionVersion, updatedAt, policy(countryCode));
    }

    /** Where this tenant's employees may forward calls. */
    ForwardTargets.Policy policy(String countryCode) {
        return new ForwardTargets.Policy(countryCode, forwardInternational);
    }
}
