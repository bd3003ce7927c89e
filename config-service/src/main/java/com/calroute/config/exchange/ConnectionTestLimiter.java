package com.calroute.config.exchange;

import com.calroute.config.CalrouteConfig;
import com.calroute.config.tenant.TenantService;
import com.calroute.contracts.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * At most {@code calroute.exchange.connection-tests-per-minute} live checks per tenant per minute, counted in the
 * database so the limit holds across replicas: a live check can probe credentials and ports.
 */
@ApplicationScoped
public class ConnectionTestLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    @Inject
    EntityManager entityManager;

    @Inject
    TenantService tenants;

    @Inject
    CalrouteConfig config;

    @Inject
    Clock clock;

    /** Counts one attempt for the tenant, or refuses with a 429 saying when to retry. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void acquire(String tenantId) {
        tenants.lock(tenantId);
        Instant now = Instant.now(clock);
        Instant windowStart = now.minus(WINDOW);
        entityManager.createNativeQuery("delete from connection_test_attempt where tenant_id = ?1 and attempted_at <= ?2")
                .setParameter(1, tenantId).setParameter(2, Timestamp.from(windowStart)).executeUpdate();
        Object[] usage = (Object[]) entityManager.createNativeQuery(
                        "select count(*), min(attempted_at) from connection_test_attempt where tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult();
        long used = ((Number) usage[0]).longValue();
        int limit = config.exchange().connectionTestsPerMinute();
        if (used >= limit) {
            Instant oldest = toInstant(usage[1]);
            long retryAfter = Math.max(1, Duration.between(now, oldest.plus(WINDOW)).toSeconds() + 1);
            throw ApiException.rateLimited("At most " + limit + " connection tests per minute per tenant. Try again in "
                    + retryAfter + " seconds.", (int) retryAfter);
        }
        entityManager.createNativeQuery("insert into connection_test_attempt (tenant_id, attempted_at) values (?1, ?2)")
                .setParameter(1, tenantId).setParameter(2, Timestamp.from(now)).executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getSimpleName());
    }
}
