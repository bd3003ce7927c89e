package com.calroute.config.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One line of the audit log: who (subject, tenant, roles), what, to which target, with what result, when. Never secrets. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String subject;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(nullable = false)
    public String roles;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String result;

    public String detail;
}
