package com.calroute.contracts.connection;

import com.calroute.contracts.tenants.ConnectionKind;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A tenant's full connection settings including decrypted secrets, as config-service hands them to
 * calendar-sync-service over the authenticated internal API (role {@code service}) — and nowhere else.
 * EWS fields are set for {@code EWS}, Graph fields for {@code GRAPH}. {@link #toString()} never prints secrets.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExchangeConnection(
        String tenantId,
        ConnectionKind kind,
        long connectionVersion,
        String ewsUrl,
        String username,
        String password,
        String domain,
        String exchangeVersion,
        String entraTenantId,
        String clientId,
        String clientSecret,
        String clientCertificate,
        String graphBaseUrl,
        String loginBaseUrl,
        String caCertificatePem) {

    @Override
    public String toString() {
        return "ExchangeConnection[tenantId=" + tenantId + ", kind=" + kind + ", connectionVersion=" + connectionVersion
                + ", ewsUrl=" + ewsUrl + ", username=" + username + ", domain=" + domain
                + ", exchangeVersion=" + exchangeVersion + ", entraTenantId=" + entraTenantId + ", clientId=" + clientId
                + ", graphBaseUrl=" + graphBaseUrl + ", loginBaseUrl=" + loginBaseUrl + ", secrets=<redacted>]";
    }
}
