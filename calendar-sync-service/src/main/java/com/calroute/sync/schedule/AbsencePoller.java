package com.calroute.sync.schedule;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.concurrent.DaemonThreads;
import com.calroute.sync.connection.ConnectionProvider;
import com.calroute.sync.connection.ConnectionProvider.ConnectionUnavailableException;
import com.calroute.sync.plan.AbsenceSettings;
import com.calroute.sync.plan.ReadUrgency;
import com.calroute.sync.plan.AbsencePolls;
import com.calroute.sync.source.CalendarSources;
import com.calroute.sync.source.SourceFailure;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls the automatic replies (and, now and then, the working hours) of every mailbox synced here, as
 * {@link AbsencePolls} spreads them, through each tenant's gate (so within its Exchange's concurrency and back-off).
 * They come after every calendar read: while a tenant has reads waiting, or its Exchange asks us to back off, its
 * polls wait, so they never eat the budget its calendars need. A change is published by asking for a read of the
 * mailbox, whose snapshot then carries the new state; an unchanged answer costs its requests and nothing else.
 */
@ApplicationScoped
public class AbsencePoller {

    private static final Logger LOG = Logger.getLogger(AbsencePoller.class);
    /** How often due mailboxes are looked for. */
    static final Duration TICK = Duration.ofSeconds(2);
    /**
     * Polls running at once on this replica, each also passing its tenant's gate; one tenant runs one at a time, so
     * a tenant whose Exchange hangs holds one thread at most and the others keep polling.
     */
    private static final int THREADS = 4;

    private final SyncEngine engine;
    private final TenantGates gates;
    private final AbsencePolls polls;
    private final ConnectionProvider connections;
    private final CalendarSources sources;
    private final Clock clock;
    private final ExecutorService pollers;
    private final AtomicInteger rounds = new AtomicInteger();
    private final Set<String> polling = ConcurrentHashMap.newKeySet();

    @Inject
    public AbsencePoller(SyncEngine engine, TenantGates gates, AbsencePolls polls, ConnectionProvider connections,
                         CalendarSources sources, Clock clock) {
        this.engine = engine;
        this.gates = gates;
        this.polls = polls;
        this.connections = connections;
        this.sources = sources;
        this.clock = clock;
        this.pollers = Executors.newFixedThreadPool(THREADS, DaemonThreads.numbered("absence-poll"));
    }

    /** Hands the due mailboxes of every tenant to the pollers; now and then forgets mailboxes that left. */
    @Scheduled(every = "2s", delay = 2, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        Instant now = clock.instant();
        boolean retain = rounds.incrementAndGet() % 30 == 0;
        Set<String> owned = retain ? new HashSet<>() : null;
        for (TenantSync tenant : engine.tenants()) {
            List<String> keys = tenant.keys();
            if (retain) {
                owned.addAll(keys);
            }
            if (gates.of(tenant.tenantId()).paused(now) || engine.readsWaiting(tenant.tenantId())
                    || !polling.add(tenant.tenantId())) {
                continue;
            }
            List<String> due = polls.due(keys, now, polls.perTick(keys.size(), TICK));
            if (due.isEmpty()) {
                polling.remove(tenant.tenantId());
                continue;
            }
            pollers.execute(() -> {
                try {
                    due.forEach(key -> poll(tenant, key));
                } finally {
                    polling.remove(tenant.tenantId());
                }
            });
        }
        if (retain) {
            polls.retainOnly(owned);
        }
    }

    private void poll(TenantSync tenant, String key) {
        TenantSync.Mailbox mailbox = tenant.mailbox(key);
        if (mailbox == null) {
            return;
        }
        try {
            ExchangeConnection connection = connections.get(tenant.tenantId());
            boolean withHours = polls.hoursDue(key, clock.instant());
            AbsenceSettings absence = sources.of(connection).absence(connection, mailbox.email(), withHours);
            if (polls.polled(key, absence, clock.instant()) && tenant.mailbox(key) == mailbox) {
                tenant.request(key, ReadUrgency.NORMAL, null);
            }
        } catch (ConnectionUnavailableException | SourceFailure e) {
            polls.failed(key, clock.instant());
            LOG.debugf("tenant %s user %s: absence settings not polled: %s", tenant.tenantId(), mailbox.userId(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            polls.failed(key, clock.instant());
            LOG.warnf("tenant %s user %s: absence settings poll failed: %s", tenant.tenantId(), mailbox.userId(),
                    e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        pollers.shutdownNow();
    }
}
