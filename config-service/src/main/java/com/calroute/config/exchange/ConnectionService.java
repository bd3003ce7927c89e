package com.calroute.config.exchange;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.rules.ConnectionRules;
import com.calroute.config.rules.FieldViolation;
import com.calroute.config.rules.InvalidInputException;
import com.calroute.config.rules.Violations;
import com.calroute.config.tenant.Tenant;
import com.calroute.config.tenant.TenantService;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.connection.OutboundEndpointRule;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.tenants.ConnectionKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's Exchange connection: validates what the admin saves (URLs through the contracts' outbound endpoint
 * rule, the one sync applies too), encrypts secrets, bumps the tenant's connection version (announced on tenants.v1,
 * never with secrets) and hands the decrypted connection only to the internal API and the live check.
 */
@ApplicationScoped
public class ConnectionService {

    private static final Logger LOG = Logger.getLogger(ConnectionService.class);

    @Inject
    TenantService tenants;

    @Inject
    OutboundEndpointRule endpointRule;

    @Inject
    SecretVault vault;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Transactional
    public ConnectionApi.ConnectionView get(String tenantId) {
        Tenant tenant = tenants.find(tenantId);
        return view(tenant, stored(tenantId));
    }

    @Transactional
    public ConnectionApi.ConnectionView put(Actor actor, String tenantId, ConnectionApi.PutConnection request) {
        if (request == null) {
            throw ApiException.malformed("Send the connection as a JSON object.");
        }
        Tenant tenant = tenants.lock(tenantId);
        StoredConnection existing = StoredConnection.findById(tenantId);
        StoredConnection next = candidate(tenantId, request, existing, false);
        ConnectionKind kind = next.kind;
        next.updatedAt = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        StoredConnection saved = existing == null ? next : copyInto(next, existing);
        if (existing == null) {
            saved.persist();
        }
        tenants.connectionSaved(tenant, kind);
        LOG.infof("tenant %s saved its %s connection (connection version %d, secrets %s)", tenantId, kind,
                tenant.connectionVersion, password(saved) ? "kept or replaced, encrypted" : "none");
        audit.change(actor, "exchange.save", "tenant:" + tenantId, "kind " + kind + ", connection version "
                + tenant.connectionVersion);
        return view(tenant, saved);
    }

    /** The connection with its secrets decrypted, for calendar-sync-service only. */
    @Transactional
    public ExchangeConnection decrypted(String tenantId) {
        Tenant tenant = tenants.find(tenantId);
        StoredConnection c = stored(tenantId);
        LOG.debugf("handing out the decrypted %s connection of tenant %s (connection version %d)", c.kind, tenantId,
                tenant.connectionVersion);
        return open(tenant, c);
    }

    /**
     * A connection the admin has not saved, validated exactly as {@link #put} would (same problems, named
     * {@code connection.<field>}), with its secrets decrypted for a live test; nothing is stored. An empty or absent
     * secret means the stored one of the same kind ({@code no-stored-secret} when there is none).
     */
    @Transactional
    public ExchangeConnection candidate(String tenantId, ConnectionApi.PutConnection request) {
        Tenant tenant = tenants.find(tenantId);
        StoredConnection existing = StoredConnection.findById(tenantId);
        try {
            return open(tenant, candidate(tenantId, withoutEmptySecrets(request), existing, true));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.violations().stream().map(v -> new FieldViolation("connection." + v.field(),
                    v.code(), v.message(), v.params())).toList());
        }
    }

    /** Validates {@code request} into the connection it would store, secrets sealed; throws naming every bad field. */
    private StoredConnection candidate(String tenantId, ConnectionApi.PutConnection request, StoredConnection existing,
                                       boolean forTest) {
        Violations violations = new Violations();
        ConnectionKind kind = kind(violations, request.kind());
        if (kind == null) {
            violations.throwIfAny();
        }
        boolean sameKind = existing != null && existing.kind == kind;
        StoredConnection next = new StoredConnection();
        next.tenantId = tenantId;
        next.kind = kind;
        next.caCertificatePem = caCertificate(violations, request.caCertificatePem());
        String missingSecret = forTest ? FieldErrorCodes.NO_STORED_SECRET : FieldErrorCodes.REQUIRED;
        if (kind == ConnectionKind.EWS) {
            ews(violations, request, next, sameKind ? existing : null, missingSecret);
        } else {
            graph(violations, request, next, sameKind ? existing : null, missingSecret);
        }
        violations.throwIfAny();
        return next;
    }

    /** In a test, an empty secret field is the form's "keep the stored one", as if it were left out. */
    private static ConnectionApi.PutConnection withoutEmptySecrets(ConnectionApi.PutConnection r) {
        return new ConnectionApi.PutConnection(r.kind(), r.username(), blankToNull(r.password()), r.ewsUrl(), r.domain(),
                r.exchangeVersion(), r.entraTenantId(), r.clientId(), blankToNull(r.clientSecret()),
                blankToNull(r.clientCertificate()), r.graphBaseUrl(), r.loginBaseUrl(), r.caCertificatePem());
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private ExchangeConnection open(Tenant tenant, StoredConnection c) {
        String tenantId = tenant.id;
        return new ExchangeConnection(tenantId, c.kind, tenant.connectionVersion, c.ewsUrl, c.username,
                vault.open(tenantId, "password", c.passwordSealed), c.domain, c.exchangeVersion, c.entraTenantId,
                c.clientId, vault.open(tenantId, "clientSecret", c.clientSecretSealed),
                vault.open(tenantId, "clientCertificate", c.clientCertificateSealed), c.graphBaseUrl, c.loginBaseUrl,
                c.caCertificatePem);
    }

    private static boolean password(StoredConnection c) {
        return c.passwordSealed != null || c.clientSecretSealed != null || c.clientCertificateSealed != null;
    }

    private StoredConnection stored(String tenantId) {
        StoredConnection connection = StoredConnection.findById(tenantId);
        if (connection == null) {
            throw ApiException.notFound("Tenant '" + tenantId + "' has no Exchange connection yet: save one with PUT"
                    + " /api/v1/tenants/" + tenantId + "/exchange.");
        }
        return connection;
    }

    private static ConnectionKind kind(Violations violations, String kind) {
        if (kind == null || kind.isBlank()) {
            violations.add("kind", FieldErrorCodes.REQUIRED, "is required: EWS (Exchange on-premises) or GRAPH (Exchange Online)");
            return null;
        }
        try {
            return ConnectionKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            violations.add("kind", FieldErrorCodes.NOT_ALLOWED_VALUE, Map.of("allowed", "EWS,GRAPH"), "must be EWS or GRAPH (Office 365 connects through GRAPH)");
            return null;
        }
    }

    private void ews(Violations violations, ConnectionApi.PutConnection request, StoredConnection next, StoredConnection sameKind,
                     String missingSecret) {
        forbidden(violations, "entraTenantId", request.entraTenantId(), "GRAPH");
        forbidden(violations, "clientId", request.clientId(), "GRAPH");
        forbidden(violations, "clientSecret", request.clientSecret(), "GRAPH");
        forbidden(violations, "clientCertificate", request.clientCertificate(), "GRAPH");
        forbidden(violations, "graphBaseUrl", request.graphBaseUrl(), "GRAPH");
        forbidden(violations, "loginBaseUrl", request.loginBaseUrl(), "GRAPH");
        next.username = violations.required("username", request.username(), 256);
        next.ewsUrl = url(violations, "ewsUrl", request.ewsUrl(), true);
        next.domain = violations.optional("domain", request.domain(), 253);
        if (next.domain != null && !ConnectionRules.isDomain(next.domain)) {
            violations.add("domain", FieldErrorCodes.INVALID_DOMAIN, "must be a domain name such as acme.no or ACME");
        }
        if (request.exchangeVersion() == null || request.exchangeVersion().isBlank()) {
            violations.add("exchangeVersion", FieldErrorCodes.REQUIRED, "is required: one of " + ConnectionRules.EXCHANGE_VERSIONS);
        } else if (!ConnectionRules.EXCHANGE_VERSIONS.contains(request.exchangeVersion())) {
            violations.add("exchangeVersion", FieldErrorCodes.NOT_ALLOWED_VALUE,
                    Map.of("allowed", String.join(",", ConnectionRules.EXCHANGE_VERSIONS)), "must be one of " + ConnectionRules.EXCHANGE_VERSIONS
                    + " (Exchange 2016/2019/SE: Exchange2013_SP1; Office 365: use kind GRAPH)");
        } else {
            next.exchangeVersion = request.exchangeVersion();
        }
        String password = secret(violations, "password", request.password());
        if (password != null) {
            next.passwordSealed = vault.seal(next.tenantId, "password", password);
        } else if (request.password() == null && sameKind != null && sameKind.passwordSealed != null) {
            next.passwordSealed = sameKind.passwordSealed;
        } else if (request.password() == null) {
            violations.add("password", missingSecret, "is required for a new EWS connection (it may be left out only to keep the"
                    + " stored password of an EWS connection)");
        }
    }

    private void graph(Violations violations, ConnectionApi.PutConnection request, StoredConnection next, StoredConnection sameKind,
                       String missingSecret) {
        forbidden(violations, "username", request.username(), "EWS");
        forbidden(violations, "password", request.password(), "EWS");
        forbidden(violations, "ewsUrl", request.ewsUrl(), "EWS");
        forbidden(violations, "domain", request.domain(), "EWS");
        forbidden(violations, "exchangeVersion", request.exchangeVersion(), "EWS");
        String entraTenant = violations.required("entraTenantId", request.entraTenantId(), 253);
        if (entraTenant != null && !ConnectionRules.isEntraTenant(entraTenant)) {
            violations.add("entraTenantId", FieldErrorCodes.INVALID_GUID, "must be the Entra tenant's id (a GUID) or one of its domains");
        }
        next.entraTenantId = entraTenant;
        String clientId = violations.required("clientId", request.clientId(), 64);
        if (clientId != null && !ConnectionRules.isGuid(clientId)) {
            violations.add("clientId", FieldErrorCodes.INVALID_GUID, "must be the application (client) id, a GUID");
        }
        next.clientId = clientId;
        next.graphBaseUrl = request.graphBaseUrl() == null ? null : url(violations, "graphBaseUrl", request.graphBaseUrl(), false);
        next.loginBaseUrl = request.loginBaseUrl() == null ? null : url(violations, "loginBaseUrl", request.loginBaseUrl(), false);
        String clientSecret = secret(violations, "clientSecret", request.clientSecret());
        String certificate = request.clientCertificate();
        if (clientSecret != null && certificate != null) {
            violations.add("clientCertificate", FieldErrorCodes.CONFLICTING_FIELDS, Map.of("other", "clientSecret"),
                    "give either clientSecret or clientCertificate, not both");
            return;
        }
        if (certificate != null) {
            if (!ConnectionRules.isCertificateWithKey(certificate)) {
                violations.add("clientCertificate", FieldErrorCodes.INVALID_CERTIFICATE, "must be the PEM certificate with its PEM private key");
            } else {
                next.clientCertificateSealed = vault.seal(next.tenantId, "clientCertificate", certificate);
            }
        } else if (clientSecret != null) {
            next.clientSecretSealed = vault.seal(next.tenantId, "clientSecret", clientSecret);
        } else if (request.clientSecret() == null && sameKind != null
                && (sameKind.clientSecretSealed != null || sameKind.clientCertificateSealed != null)) {
            next.clientSecretSealed = sameKind.clientSecretSealed;
            next.clientCertificateSealed = sameKind.clientCertificateSealed;
        } else if (request.clientSecret() == null) {
            violations.add("clientSecret", missingSecret, "is required for a new GRAPH connection (or give clientCertificate)");
        }
    }

    private String url(Violations violations, String field, String value, boolean required) {
        if (!required && (value == null || value.isBlank())) {
            return null;
        }
        var rejection = endpointRule.refusal(value, ConnectionService::addressesOf);
        if (rejection.isPresent()) {
            violations.add(field, FieldErrorCodes.INVALID_URL, rejection.get());
            return null;
        }
        return value.strip();
    }

    /** The host's addresses from the JVM's resolver (DNS and hosts file); none when it does not resolve. */
    private static List<InetAddress> addressesOf(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static String secret(Violations violations, String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            violations.add(field, FieldErrorCodes.EMPTY, "must not be empty (leave the field out to keep the stored one)");
            return null;
        }
        if (value.length() > ConnectionRules.MAX_SECRET_LENGTH) {
            violations.add(field, FieldErrorCodes.TOO_LONG, Map.of("max", String.valueOf(ConnectionRules.MAX_SECRET_LENGTH)),
                    "must be at most " + ConnectionRules.MAX_SECRET_LENGTH + " characters");
            return null;
        }
        return value;
    }

    private static String caCertificate(Violations violations, String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        if (!ConnectionRules.isCertificateChain(pem)) {
            violations.add("caCertificatePem", FieldErrorCodes.INVALID_CERTIFICATE, "must be one or more PEM X.509 certificates (the private CA of the"
                    + " on-premises Exchange server)");
            return null;
        }
        return pem.strip();
    }

    private static void forbidden(Violations violations, String field, String value, String kind) {
        if (value != null) {
            violations.add(field, FieldErrorCodes.NOT_APPLICABLE, Map.of("kind", kind), "belongs to " + kind + " connections; leave it out");
        }
    }

    private static StoredConnection copyInto(StoredConnection from, StoredConnection into) {
        into.kind = from.kind;
        into.ewsUrl = from.ewsUrl;
        into.username = from.username;
        into.passwordSealed = from.passwordSealed;
        into.domain = from.domain;
        into.exchangeVersion = from.exchangeVersion;
        into.entraTenantId = from.entraTenantId;
        into.clientId = from.clientId;
        into.clientSecretSealed = from.clientSecretSealed;
        into.clientCertificateSealed = from.clientCertificateSealed;
        into.graphBaseUrl = from.graphBaseUrl;
        into.loginBaseUrl = from.loginBaseUrl;
        into.caCertificatePem = from.caCertificatePem;
        into.updatedAt = from.updatedAt;
        return into;
    }

    private static ConnectionApi.ConnectionView view(Tenant tenant, StoredConnection c) {
        boolean ews = c.kind == ConnectionKind.EWS;
        return new ConnectionApi.ConnectionView(c.kind, c.username, c.ewsUrl, c.domain, c.exchangeVersion,
                ews ? c.passwordSealed != null : null,
                c.entraTenantId, c.clientId,
                ews ? null : c.clientSecretSealed != null,
                ews ? null : c.clientCertificateSealed != null,
                c.graphBaseUrl, c.loginBaseUrl, c.caCertificatePem, tenant.connectionVersion, c.updatedAt,
                ews && isExchangeOnline(c.ewsUrl) ? ConnectionRules.EXCHANGE_ONLINE_WARNING : null);
    }

    private static boolean isExchangeOnline(String ewsUrl) {
        String host = ewsUrl == null ? null : URI.create(ewsUrl).getHost();
        return host != null && host.toLowerCase(Locale.ROOT).equals(ConnectionRules.EXCHANGE_ONLINE_HOST);
    }
}
