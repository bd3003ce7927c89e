package com.calroute.sync.connection;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.PlainWords;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tenants' Exchange connections (with secrets) from config-service's internal endpoint, authenticated with our
 * client-credentials token (role {@code service}). Cached per tenant; a cached connection is used while its
 * {@code connectionVersion} is at least the one {@code calroute.tenants.v1} announces, and re-fetched as soon as a
 * newer one is announced. Secrets are never logged ({@link ExchangeConnection#toString()} redacts them).
 */
public class ConnectionProvider implements Connections {

    private static final Logger LOG = Logger.getLogger(ConnectionProvider.class);

    private final Map<String, ExchangeConnection> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final TenantDirectory tenants;
    private final Supplier<String> accessToken;
    private final ObjectMapper mapper;
    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    public ConnectionProvider(TenantDirectory tenants, Supplier<String> accessToken, ObjectMapper mapper, String baseUrl,
                              Duration timeout) {
        this.tenants = tenants;
        this.accessToken = accessToken;
        this.mapper = mapper;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The tenant's current connection; throws with plain words when there is none or config-service is down. */
    @Override
    public ExchangeConnection get(String tenantId) throws ConnectionUnavailableException {
        ExchangeConnection cached = cache.get(tenantId);
        if (cached != null && cached.connectionVersion() >= tenants.connectionVersion(tenantId)) {
            return cached;
        }
        synchronized (locks.computeIfAbsent(tenantId, id -> new Object())) {
            cached = cache.get(tenantId);
            if (cached != null && cached.connectionVersion() >= tenants.connectionVersion(tenantId)) {
                return cached;
            }
            ExchangeConnection fresh = fetch(tenantId);
            cache.put(tenantId, fresh);
            return fresh;
        }
    }

    /** The cached connection without fetching, or null. */
    @Override
    public ExchangeConnection cached(String tenantId) {
        return cache.get(tenantId);
    }

    /** Drops the tenant's cached connection (deleted tenant). */
    public void forget(String tenantId) {
        cache.remove(tenantId);
    }

    private ExchangeConnection fetch(String tenantId) throws ConnectionUnavailableException {
        String token;
        try {
            token = accessToken.get();
        } catch (RuntimeException e) {
            throw new ConnectionUnavailableException(Failure.of(FailureKind.UNAVAILABLE,
                    "Calroute could not sign in to its own configuration service — sync retries by itself"));
        }
        URI uri = URI.create(baseUrl + "/internal/v1/tenants/" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8)
                + "/connection");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionUnavailableException(unavailable());
        } catch (java.io.IOException e) {
            LOG.debugf("tenant %s: config-service unreachable: %s", tenantId, e.getClass().getSimpleName());
            throw new ConnectionUnavailableException(unavailable());
        }
        if (response.statusCode() == 404) {
            throw new ConnectionUnavailableException(PlainWords.notConfigured());
        }
        if (response.statusCode() != 200) {
            LOG.debugf("tenant %s: config-service answered %d for the connection", tenantId, response.statusCode());
            throw new ConnectionUnavailableException(unavailable());
        }
        try {
            ExchangeConnection connection = mapper.readValue(response.body(), ExchangeConnection.class);
            LOG.debugf("tenant %s: fetched connection version %d", tenantId, connection.connectionVersion());
            return connection;
        } catch (Exception e) {
            throw new ConnectionUnavailableException(unavailable());
        }
    }

    private static Failure unavailable() {
        return Failure.of(FailureKind.UNAVAILABLE,
                "Calroute's configuration service did not hand out the Exchange settings — sync retries by itself");
    }

    /** No usable connection right now; {@link #failure()} says why in plain words. */
    public static class ConnectionUnavailableException extends Exception {
        private final transient Failure failure;

        public ConnectionUnavailableException(Failure failure) {
            super(failure.message());
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }
}
