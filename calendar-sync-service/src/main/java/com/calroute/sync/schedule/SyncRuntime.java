package com.calroute.sync.schedule;

import com.calroute.contracts.Topics;
import com.calroute.contracts.kafka.TopicSetup;
import com.calroute.sync.config.SyncConfig;
import com.calroute.sync.connection.ConnectionProvider;
import com.calroute.sync.connection.TenantDirectory;
import com.calroute.sync.contract.Intake;
import com.calroute.sync.ews.EwsCalendarSource;
import com.calroute.sync.graph.GraphConnector;
import com.calroute.sync.health.SyncLifecycle;
import com.calroute.sync.mailbox.UserDirectory;
import com.calroute.sync.publish.CalendarLedger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the sync in order, and runs its periodic jobs. At start: topics, the tenants reader (read to
 * its end), the scheduler, then the users.v1 group membership. On SIGTERM readiness drops first, then feeds and
 * reads stop, the group membership ends (handing mailboxes to the other replicas at once), and the producer
 * flushes.
 */
@ApplicationScoped
public class SyncRuntime implements SyncLifecycle {

    private static final Logger LOG = Logger.getLogger(SyncRuntime.class);

    private final SyncConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper mapper;
    private final KafkaProducer<String, String> producer;
    private final TenantDirectory tenants;
    private final ConnectionProvider connections;
    private final CalendarLedger ledger;
    private final Intake intake;
    private final SyncEngine engine;
    private final SyncScheduler scheduler;
    private final MailboxSync reads;
    private final GraphConnector graph;
    private final EwsCalendarSource ews;
    private volatile boolean started;
    private volatile boolean stopping;
    private UserDirectory users;

    @Inject
    public SyncRuntime(SyncConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       ObjectMapper mapper, KafkaProducer<String, String> producer, TenantDirectory tenants,
                       ConnectionProvider connections, CalendarLedger ledger, Intake intake, SyncEngine engine,
                       SyncScheduler scheduler, MailboxSync reads, GraphConnector graph, EwsCalendarSource ews) {
        this.config = config;
        this.kafka = Map.copyOf(kafka);
        this.mapper = mapper;
        this.producer = producer;
        this.tenants = tenants;
        this.connections = connections;
        this.ledger = ledger;
        this.intake = intake;
        this.engine = engine;
        this.scheduler = scheduler;
        this.reads = reads;
        this.graph = graph;
        this.ews = ews;
    }

    void onStart(@Observes @Priority(100) StartupEvent event) {
        List<String> topics = List.of(Topics.USERS, Topics.TENANTS, Topics.CALENDAR, Intake.TOPIC);
        if (config.kafka().createTopics()) {
            TopicSetup.ensure(kafka, topics, config.kafka().partitions());
        } else {
            TopicSetup.check(kafka, topics);
        }
        tenants.onChange(engine::tenantChanged);
        tenants.onChange((previous, current) -> {
            if (current == null && previous != null) {
                // A deleted tenant's secrets and clients must not linger in memory.
                connections.forget(previous.tenantId());
                ews.forget(previous.tenantId());
            }
        });
        tenants.start();
        try {
            if (!tenants.awaitCaughtUp(Duration.ofSeconds(60))) {
                LOG.warn("calroute.tenants.v1 not read to its end within 60 s; continuing with what is known");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.start(reads);
        users = new UserDirectory(kafka, config.kafka().consumerGroup(), config.kafka().sessionTimeout(),
                ledger, engine, mapper, intake);
        users.start();
        started = true;
        SyncConfig.Sync sync = config.sync();
        LOG.infof("calendar sync started (group %s, window %s back / %s ahead, safety poll every %s, streaming %s,"
                        + " %d workers of which %d for live changes)", config.kafka().consumerGroup(), sync.windowBack(),
                sync.windowAhead(), sync.safetyPollInterval(), sync.streaming() ? "on" : "off", sync.workers(),
                sync.liveReserve());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (!started) {
            return;
        }
        engine.close();
        users.close();
        producer.flush();
        producer.close(Duration.ofSeconds(10));
        tenants.close();
        ews.close();
        LOG.info("calendar sync stopped: subscriptions closed, group left, producer flushed");
    }

    @Scheduled(every = "1s", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcileFeeds() {
        if (running()) {
            engine.reconcileFeeds();
        }
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recordEnrolled() {
        if (running()) {
            engine.recordEnrolled();
        }
    }

    @Scheduled(every = "${calroute.sync.resync-poll-interval:PT1S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void takeResyncRequests() {
        if (running()) {
            engine.takeResyncRequests();
        }
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void rollForward() {
        if (running()) {
            engine.rollForward();
        }
    }

    @Scheduled(every = "${calroute.sync.safety-poll-interval:PT5M}", delayed = "${calroute.sync.safety-poll-interval:PT5M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void safetyPoll() {
        if (running()) {
            engine.safetyPoll();
        }
    }

    @Scheduled(every = "1m", delay = 1, delayUnit = TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewGraphSubscriptions() throws InterruptedException {
        if (running() && graph.subscriptions() != null) {
            graph.subscriptions().renewDue();
        }
    }

    private boolean running() {
        return started && !stopping;
    }

    @Override
    public boolean ready() {
        return started && !stopping && users.ready() && tenants.caughtUp();
    }

    @Override
    public boolean stopping() {
        return stopping;
    }
}
