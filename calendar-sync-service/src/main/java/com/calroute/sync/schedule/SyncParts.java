package com.calroute.sync.schedule;

import com.calroute.sync.concurrent.DaemonThreads;
import com.calroute.sync.config.SyncConfig;
import com.calroute.sync.connection.ConnectionProvider;
import com.calroute.sync.connection.TenantDirectory;
import com.calroute.sync.ews.CalendarReader;
import com.calroute.sync.ews.ConnectionTester;
import com.calroute.sync.ews.EwsCalendarSource;
import com.calroute.sync.ews.EwsClientFactory;
import com.calroute.sync.ews.StreamingFeed;
import com.calroute.sync.graph.GraphConnector;
import com.calroute.sync.health.NotificationHealth;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.FairScheduler;
import com.calroute.sync.plan.AbsencePolls;
import com.calroute.sync.plan.RetryPolicy;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.publish.CalendarPublisher;
import com.calroute.sync.source.CalendarSources;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The sync machinery, made once: gates, sources, feeds, the fair scheduler and its workers, the engine. */
@ApplicationScoped
public class SyncParts {

    @Produces
    @Singleton
    SyncMetrics metrics(MeterRegistry registry) {
        return new SyncMetrics(registry);
    }

    @Produces
    @Singleton
    Backoff backoff(SyncConfig config) {
        return new Backoff(config.sync().backoffBase(), config.sync().backoffCap(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Produces
    @Singleton
    Supplier<SyncWindow> windows(SyncConfig config, Clock clock) {
        return () -> SyncWindow.around(clock.instant(), config.sync().windowBack(), config.sync().windowAhead());
    }

    @Produces
    @Singleton
    TenantGates gates(SyncConfig config, Clock clock, Backoff backoff, SyncMetrics metrics) {
        return new TenantGates(config.sync().concurrencyPerTenant(), clock, backoff, metrics);
    }

    @Produces
    @Singleton
    EwsCalendarSource ewsSource(EwsClientFactory factory, CalendarReader reader, ConnectionTester tester,
                                TenantGates gates, Clock clock) {
        return new EwsCalendarSource(factory, reader, tester, gates, clock);
    }

    @Produces
    @Singleton
    CalendarSources sources(EwsCalendarSource ews, GraphConnector graph) {
        return new CalendarSources(ews, graph);
    }

    @Produces
    @Singleton
    ChangeFeeds feeds(EwsClientFactory factory, TenantGates gates, Backoff backoff, GraphConnector graph,
                      SyncConfig config, Clock clock) {
        SyncConfig.Sync sync = config.sync();
        StreamingFeed.Settings streaming = new StreamingFeed.Settings(sync.streamingGroupSize(),
                sync.maxStreamingGroupsPerTenant(), sync.streamingLifetimeMinutes(),
                config.exchange().readTimeout().plusMinutes(1));
        return new ChangeFeeds(factory, gates, backoff, streaming, graph, clock);
    }

    @Produces
    @Singleton
    SyncScheduler scheduler(SyncConfig config, Backoff backoff, TenantGates gates, Clock clock) {
        SyncConfig.Sync sync = config.sync();
        FairScheduler fair = new FairScheduler(new RetryPolicy(backoff, sync.backoffCap()), sync.workers(),
                sync.liveReserve());
        ExecutorService workers = Executors.newFixedThreadPool(sync.workers(), DaemonThreads.numbered("sync-worker"));
        return new SyncScheduler(fair, gates, clock, workers);
    }

    @Produces
    @Singleton
    SyncEngine engine(SyncScheduler scheduler, ConnectionProvider connections, ChangeFeeds feeds,
                      NotificationHealth notificationHealth, AbsencePolls replies, Clock clock, SyncConfig config,
                      CalendarPublisher publisher, CalendarLedger ledger, SyncHealthStore health,
                      Supplier<SyncWindow> windows) {
        return new SyncEngine(new SyncEngine.Parts(scheduler, connections, feeds, notificationHealth, replies, clock,
                config.sync().streaming()), publisher, ledger, health, windows);
    }

    @Produces
    @Singleton
    AbsencePolls repliesPolls(SyncConfig config) {
        return new AbsencePolls(config.sync().automaticRepliesInterval(), config.sync().workingHoursInterval(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Produces
    @Singleton
    MailboxSync mailboxSync(SyncEngine engine, ConnectionProvider connections, TenantDirectory tenants,
                            CalendarSources sources, TenantGates gates, CalendarPublisher publisher,
                            SyncHealthStore health, SyncMetrics metrics, Clock clock, Supplier<SyncWindow> windows,
                            AbsencePolls polls, CalendarLedger ledger) {
        return new MailboxSync(engine::existing, connections, tenants, sources, gates, publisher, health, metrics, clock,
                windows, polls, ledger);
    }
}
