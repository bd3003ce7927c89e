package com.calroute.sync.schedule;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.connection.ConnectionProvider;
import com.calroute.sync.connection.ConnectionProvider.ConnectionUnavailableException;
import com.calroute.sync.connection.TenantDirectory;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.plan.AutomaticReplies;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.MailboxSchedule;
import com.calroute.sync.plan.Normaliser;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.PublishDecision;
import com.calroute.sync.plan.AbsencePolls;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.publish.CalendarPublisher;
import com.calroute.sync.publish.CalendarPublisher.Outcome;
import com.calroute.sync.source.CalendarSources;
import com.calroute.sync.source.SourceFailure;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One mailbox read, start to end: the tenant's connection, its source's read of the window, the normalised
 * snapshot published (unless the mailbox left meanwhile), and the user's health and the metrics recorded.
 */
final class MailboxSync implements SyncScheduler.Reader {

    private static final Logger LOG = Logger.getLogger(MailboxSync.class);

    private final Function<String, TenantSync> tenants;
    private final ConnectionProvider connections;
    private final TenantDirectory settings;
    private final CalendarSources sources;
    private final TenantGates gates;
    private final CalendarPublisher publisher;
    private final SyncHealthStore health;
    private final SyncMetrics metrics;
    private final Clock clock;
    private final Supplier<SyncWindow> window;
    private final AbsencePolls polls;
    private final CalendarLedger ledger;

    MailboxSync(Function<String, TenantSync> tenants, ConnectionProvider connections, TenantDirectory settings,
                CalendarSources sources, TenantGates gates, CalendarPublisher publisher, SyncHealthStore health,
                SyncMetrics metrics, Clock clock, Supplier<SyncWindow> window, AbsencePolls polls,
                CalendarLedger ledger) {
        this.tenants = tenants;
        this.connections = connections;
        this.settings = settings;
        this.sources = sources;
        this.gates = gates;
        this.publisher = publisher;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
        this.window = window;
        this.polls = polls;
        this.ledger = ledger;
    }

    @Override
    public FailureKind read(String tenantId, MailboxSchedule.Read read) {
        TenantSync tenant = tenants.apply(tenantId);
        TenantSync.Mailbox mailbox = tenant == null ? null : tenant.mailbox(read.key());
        if (mailbox == null) {
            return null;
        }
        try {
            readAndPublish(tenantId, tenant, read, mailbox);
            return null;
        } catch (SourceFailure failure) {
            return failed(tenantId, tenant, read.key(), mailbox, failure.failure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(tenantId, tenant, read.key(), mailbox,
                    Failure.of(FailureKind.UNEXPECTED, "Sync was interrupted — it retries by itself"));
        }
    }

    private void readAndPublish(String tenantId, TenantSync tenant, MailboxSchedule.Read read, TenantSync.Mailbox mailbox)
            throws SourceFailure, InterruptedException {
        ExchangeConnection connection;
        try {
            connection = connections.get(tenantId);
        } catch (ConnectionUnavailableException e) {
            throw new SourceFailure(e.failure());
        }
        gates.fit(connection);
        SyncWindow current = window.get();
        boolean shareSubjects = settings.sharesSubjects(tenantId);
        List<RawItem> raw = sources.of(connection).read(connection, mailbox.email(), current, shareSubjects,
                settings.codeBook(tenantId));
        PublishDecision.LastPublished held = ledger.last(read.key());
        polls.track(read.key(), clock.instant(), held == null ? null : held.replies(), held == null ? null : held.hours());
        AutomaticReplies replies = replies(read.key(), held);
        Normaliser normaliser = new Normaliser(shareSubjects, settings.zone(tenantId));
        CalendarSnapshot snapshot = new CalendarSnapshot(true, current, normaliser.normalise(raw, current), replies,
                polls.knownHours(read.key()));
        Outcome outcome;
        try {
            outcome = publisher.publish(tenantId, mailbox.userId(), snapshot, read.startedAt(),
                    () -> tenant.mailbox(read.key()) == mailbox);
        } catch (CalendarPublisher.PublishException e) {
            throw new SourceFailure(Failure.of(FailureKind.UNEXPECTED,
                    "The calendar was read but could not be handed to Kafka — sync retries by itself"));
        }
        if (outcome == Outcome.SKIPPED) {
            return;
        }
        Instant done = clock.instant();
        metrics.read(outcome == Outcome.PUBLISHED, Duration.between(read.startedAt(), done));
        if (read.changeNotedAt() != null) {
            metrics.changeLatency(Duration.between(read.changeNotedAt(), done));
        }
        health.succeeded(tenantId, mailbox.userId(), read.startedAt());
    }

    /**
     * The mailbox's automatic replies as the poller last saw them; null (not known) until its first poll, which a
     * mailbox met here for the first time gets within one interval — never as part of this read, so a bulk opt-in
     * or a restart spends its Exchange budget on calendars first. The same holds for its working hours.
     */
    private AutomaticReplies replies(String key, PublishDecision.LastPublished held) {
        AutomaticReplies known = polls.known(key);
        // "Off" where routing holds nothing is no news (AbsencePolls.polled): saying it would only make a new version.
        return known != null && known.state() == AutomaticReplies.State.OFF && (held == null || held.replies() == null)
                ? null : known;
    }

    private FailureKind failed(String tenantId, TenantSync tenant, String key, TenantSync.Mailbox mailbox,
                               Failure failure) {
        metrics.readFailed();
        LOG.debugf("tenant %s user %s: read failed (%s)", tenantId, mailbox.userId(), failure.kind());
        if (tenant.mailbox(key) == mailbox) {
            try {
                health.failed(tenantId, mailbox.userId(), failure.kind().code(), failure.message());
            } catch (RuntimeException e) {
                LOG.warnf("tenant %s user %s: could not record sync health: %s", tenantId, mailbox.userId(),
                        e.getMessage());
            }
        }
        return failure.kind();
    }
}
