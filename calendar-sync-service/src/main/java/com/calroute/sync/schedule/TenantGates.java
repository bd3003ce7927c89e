package com.calroute.sync.schedule;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.ews.EwsCalls;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.ExchangeLimits;
import com.calroute.sync.plan.FairScheduler;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every tenant's {@link TenantGate}, and what the gates allow the scheduler: as many reads of a tenant at once as
 * its gate lets requests through, none while its Exchange backs off — so a throttled tenant holds no worker idle.
 */
public final class TenantGates implements FairScheduler.Capacity, Function<String, EwsCalls> {

    private final Map<String, TenantGate> gates = new ConcurrentHashMap<>();
    private final int configured;
    private final Clock clock;
    private final Backoff backoff;
    private final SyncMetrics metrics;

    public TenantGates(int configured, Clock clock, Backoff backoff, SyncMetrics metrics) {
        this.configured = configured;
        this.clock = clock;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    /** The tenant's gate (created on first use, with the cap of an Exchange of unknown version). */
    public TenantGate of(String tenantId) {
        return gates.computeIfAbsent(tenantId, id ->
                new TenantGate(ExchangeLimits.forVersion(null).concurrencyCap(configured), clock, backoff, metrics));
    }

    @Override
    public EwsCalls apply(String tenantId) {
        return of(tenantId);
    }

    /** Fits the tenant's cap to its Exchange version, now that the connection says which it is. */
    public void fit(ExchangeConnection connection) {
        of(connection.tenantId()).resize(ExchangeLimits.forVersion(connection.exchangeVersion()).concurrencyCap(configured));
    }

    @Override
    public int allowed(String tenantId, Instant now) {
        TenantGate gate = of(tenantId);
        return gate.paused(now) ? 0 : gate.limit();
    }

    /** A deleted tenant's gate goes; a read still in flight keeps the one it holds. */
    @Override
    public void forget(String tenantId) {
        gates.remove(tenantId);
    }
}
