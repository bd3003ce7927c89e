package com.calroute.config.exchange;

import com.calroute.contracts.tenants.ConnectionKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tenant's Exchange connection as stored: secrets only as sealed (AES-GCM) text that names its key. */
@Entity
@Table(name = "exchange_connection")
public class StoredConnection extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectionKind kind;

    @Column(name = "ews_url")
    public String ewsUrl;

    public String username;

    @Column(name = "password_sealed")
    public String passwordSealed;

    public String domain;

    @Column(name = "exchange_version")
    public String exchangeVersion;

    @Column(name = "entra_tenant_id")
    public String entraTenantId;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "client_secret_sealed")
    public String clientSecretSealed;

    @Column(name = "client_certificate_sealed")
    public String clientCertificateSealed;

    @Column(name = "graph_base_url")
    public String graphBaseUrl;

    @Column(name = "login_base_url")
    public String loginBaseUrl;

    @Column(name = "ca_certificate_pem")
    public String caCertificatePem;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Secret fields by name, for re-encryption. */
    enum SecretField {
        PASSWORD("password"), CLIENT_SECRET("clientSecret"), CLIENT_CERTIFICATE("clientCertificate");

        final String fieldName;

        SecretField(String fieldName) {
            this.fieldName = fieldName;
        }
    }

    String sealed(SecretField field) {
        return switch (field) {
            case PASSWORD -> passwordSealed;
            case CLIENT_SECRET -> clientSecretSealed;
            case CLIENT_CERTIFICATE -> clientCertificateSealed;
        };
    }

    void sealed(SecretField field, String value) {
        switch (field) {
            case PASSWORD -> passwordSealed = value;
            case CLIENT_SECRET -> clientSecretSealed = value;
            case CLIENT_CERTIFICATE -> clientCertificateSealed = value;
        }
    }
}
