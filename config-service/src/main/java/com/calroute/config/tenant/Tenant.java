package com.calroute.config.tenant;

import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.contracts.tenants.ItemCodes;
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

    /** ISO 3166-1 alpha-2: phone numbers typed without a country code are read in this country's plan. */
    @Column(nullable = false)
    public String country;

    @Column(name = "subject_sharing", nullable = false)
    public boolean subjectSharing;

    /** Whether the operator lets this tenant's employees forward calls abroad. */
    @Column(name = "forward_international", nullable = false)
    public boolean forwardInternational;

    /** The subject codes and categories (JSON of {@link ItemCodes}); null: none defined. */
    @Column(name = "calendar_codes")
    public String calendarCodes;

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
                connectionKind, connectionVersion, updatedAt, policy(countryCode), country, itemCodes());
    }

    /** The subject codes and categories; {@link ItemCodes#NONE} when none are defined. */
    public ItemCodes itemCodes() {
        if (calendarCodes == null) {
            return ItemCodes.NONE;
        }
        try {
            return JSON.readValue(calendarCodes, ItemCodes.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("tenant " + id + ": stored calendar codes unreadable", e);
        }
    }

    /** Stores the subject codes and categories (validated by the caller); an empty list is stored as none. */
    public void itemCodes(ItemCodes codes) {
        try {
            calendarCodes = codes == null || codes.isEmpty() ? null : JSON.writeValueAsString(codes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("calendar codes not writable", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Where this tenant's employees may forward calls. */
    ForwardTargets.Policy policy(String countryCode) {
        return new ForwardTargets.Policy(countryCode, forwardInternational);
    }
}
