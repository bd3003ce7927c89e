package com.calroute.sync.connection;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.PlainWords;
import io.quarkus.oidc.client.OidcClientException;
import io.smallrye.mutiny.TimeoutException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants' Exchange connections (with secrets) from config-service's internal endpoint, through the
 * {@link ConfigServiceApi} REST Client (our client-credentials token, role {@code service}). Cached per tenant; a
 * cached connection is used while its {@code connectionVersion} is at least the one {@code calroute.tenants.v1}
 * announces, and re-fetched as soon as a newer one is announced. Secrets are never logged
 * ({@link ExchangeConnection#toString()} redacts them).
 */
public class ConnectionProvider implements Connections {

    private static final Logger LOG = Logger.getLogger(ConnectionProvider.class);

    private final Map<String, ExchangeConnection> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final TenantDirectory tenants;
    private final ConfigServiceApi configService;
    private final Duration limit;

    /** {@code limit} bounds a whole fetch, token included (connecting and reading have the client's own time-outs). */
    public ConnectionProvider(TenantDirectory tenants, ConfigServiceApi configService, Duration limit) {
        this.tenants = tenants;
        this.configService = configService;
        this.limit = limit;
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
        ExchangeConnection connection;
        try {
            connection = configService.connection(tenantId).await().atMost(limit);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw new ConnectionUnavailableException(PlainWords.notConfigured());
            }
            LOG.debugf("tenant %s: config-service answered %d for the connection", tenantId,
                    e.getResponse().getStatus());
            throw new ConnectionUnavailableException(unavailable());
        } catch (RuntimeException e) {
            // Only a token request that hangs outlasts the limit: connecting and reading time out by themselves.
            if (e instanceof TimeoutException || signInFailed(e)) {
                throw new ConnectionUnavailableException(Failure.of(FailureKind.UNAVAILABLE,
                        "Calroute could not sign in to its own configuration service — sync retries by itself"));
            }
            LOG.debugf("tenant %s: config-service unreachable: %s", tenantId, e.getClass().getSimpleName());
            throw new ConnectionUnavailableException(unavailable());
        }
        if (connection == null) {
            throw new ConnectionUnavailableException(unavailable());
        }
        LOG.debugf("tenant %s: fetched connection version %d", tenantId, connection.connectionVersion());
        return connection;
    }

    /** The OIDC client filter fails the call with the OIDC client's exception, possibly wrapped, when no token came. */
    private static boolean signInFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OidcClientException) {
                return true;
            }
        }
        return false;
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
