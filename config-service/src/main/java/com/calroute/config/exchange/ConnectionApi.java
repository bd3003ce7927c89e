package com.calroute.config.exchange;

import com.calroute.contracts.tenants.ConnectionKind;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** The JSON shapes of the Exchange connection API. Secrets go in, never out. */
public final class ConnectionApi {

    private ConnectionApi() {
    }

    /**
     * {@code PUT /api/v1/tenants/{id}/exchange}. The read-only fields of {@link ConnectionView} are accepted and
     * ignored, so a client may send back what it read; a secret left out keeps the stored one if the kind is unchanged.
     */
    @JsonIgnoreProperties(value = {"passwordSet", "clientSecretSet", "clientCertificateSet", "connectionVersion",
            "updatedAt", "warning"}, allowSetters = false)
    public record PutConnection(String kind, String username, String password, String ewsUrl, String domain,
                                String exchangeVersion, String entraTenantId, String clientId, String clientSecret,
                                String clientCertificate, String graphBaseUrl, String loginBaseUrl,
                                String caCertificatePem) {

        @Override
        public String toString() {
            return "PutConnection[kind=" + kind + ", ewsUrl=" + ewsUrl + ", secrets=<redacted>]";
        }
    }

    /** A connection as the API shows it: secrets only as "is set" flags; a warning when the set-up will not last. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectionView(ConnectionKind kind, String username, String ewsUrl, String domain,
                                 String exchangeVersion, Boolean passwordSet, String entraTenantId, String clientId,
                                 Boolean clientSecretSet, Boolean clientCertificateSet, String graphBaseUrl,
                                 String loginBaseUrl, String caCertificatePem, long connectionVersion,
                                 Instant updatedAt, String warning) {
    }

    /**
     * {@code POST /api/v1/tenants/{id}/exchange/test}: optionally a mailbox to try and a candidate {@code connection}
     * (the shape of PUT) to test instead of the saved one; the candidate is never stored.
     */
    public record TestConnection(String mailbox, PutConnection connection) {
    }
}
