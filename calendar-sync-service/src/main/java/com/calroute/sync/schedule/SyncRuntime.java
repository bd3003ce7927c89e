package com.calroute.sync.schedule;

import com.calroute.contracts.Topics;
import com.calroute.sync.config.SyncConfig;
import com.calroute.sync.connection.ConnectionProvider;
import com.calroute.sync.connection.TenantDirectory;
import com.calroute.sync.contract.ContractCheck;
import com.calroute.sync.contract.Intake;
import com.calroute.sync.ews.CalendarReader;
import com.calroute.sync.ews.ConnectionTester;
import com.calroute.sync.ews.EndpointResolver;
import com.calroute.sync.ews.EwsClientFactory;
import com.calroute.sync.graph.GraphConnector;
import com.calroute.sync.graph.JdbcDeltaStore;
import com.calroute.sync.graph.JdbcSubscriptionDirectory;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.mailbox.UserDirectory;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.publish.CalendarPublisher;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds and runs the sync machinery: topics, the tenants reader, the users.v1 group membership, the tenant
 * workers, and the periodic jobs (safety poll, roll-forward, streaming reconciliation, resync pick-up). On SIGTERM
 * readiness drops first, then streaming subscriptions close and the group membership ends (handing mailboxes to
 * the other replicas at once), and the producer flushes.
 */
@ApplicationScoped
public class SyncRuntime {

    private static final Logger LOG = Logger.getLogger(SyncRuntime.class);

    private final SyncConfig config;
    private final Map<String, Object> kafka;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final SyncHealthStore health;
    private final OidcClient oidcClient;
    private final Clock clock;
    private final AtomicReference<Tokens> tokens = new AtomicReference<>();

    private volatile boolean started;
    private volatile boolean stopping;
    private KafkaProducer<String, String> producer;
    private TenantDirectory tenants;
    private UserDirectory users;
    private SyncEngine engine;
    private ScheduledExecutorService timer;
    private ConnectionTester tester;
    private EwsClientFactory ewsFactory;
    private GraphConnector graph;
    private final JdbcDeltaStore graphDeltas;
    private final JdbcSubscriptionDirectory graphSubscriptions;

    @Inject
    public SyncRuntime(SyncConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                       ObjectMapper mapper, MeterRegistry registry, SyncHealthStore health, OidcClient oidcClient,
                       Clock clock, JdbcDeltaStore graphDeltas, JdbcSubscriptionDirectory graphSubscriptions) {
        this.config = config;
        // Every kafka.* setting (KAFKA_* in the environment): bootstrap servers and, for a managed broker, security.*,
        // sasl.* and ssl.*; each client below starts from these.
        this.kafka = Map.copyOf(kafka);
        this.mapper = mapper;
        this.registry = registry;
        this.health = health;
        this.oidcClient = oidcClient;
        this.clock = clock;
        this.graphDeltas = graphDeltas;
        this.graphSubscriptions = graphSubscriptions;
    }

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (config.kafka().createTopics()) {
            createTopics();
        }
        SyncConfig.Sync sync = config.sync();
        SyncConfig.Exchange exchange = config.exchange();
        EndpointResolver guard = new EndpointResolver(exchange.allowedPrivateEndpoints().orElse(Set.of()),
                exchange.plainHttpEndpoints().orElse(Set.of()));
        ewsFactory = new EwsClientFactory(guard, exchange.connectTimeout(), exchange.readTimeout());
        tester = new ConnectionTester(ewsFactory, exchange.connectTimeout());
        graph = new GraphConnector(guard, exchange.connectTimeout(), exchange.readTimeout(), clock, sync.pageSize(),
                graphDeltas);
        config.graph().notificationUrl().ifPresent(url ->
                graph.enableNotifications(url, clock, config.graph().subscriptionLifetime(), graphSubscriptions,
                        health::requestResync));
        Backoff backoff = new Backoff(sync.backoffBase(), sync.backoffCap(), () -> ThreadLocalRandom.current().nextDouble());
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
        Intake intake = new Intake(new ContractCheck(), producer);
        tenants = new TenantDirectory(kafka, mapper, intake);
        ConnectionProvider connections = new ConnectionProvider(tenants, this::accessToken, mapper,
                config.configService().url(), config.configService().timeout());
        CalendarLedger ledger = new CalendarLedger(kafka, mapper, intake);
        CalendarPublisher publisher = new CalendarPublisher(producer, ledger, mapper, clock, config.kafka().sendTimeout(),
                config.sync().asOfRefresh());
        timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "sync-timer");
            thread.setDaemon(true);
            return thread;
        });
        if (graph.subscriptions() != null) {
            timer.scheduleWithFixedDelay(this::renewGraphSubscriptions, 1, 1, TimeUnit.MINUTES);
        }
        TenantWorker.Settings settings = new TenantWorker.Settings(sync.concurrencyPerTenant(),
                sync.concurrencyPerTenant(), sync.streaming(), sync.streamingGroupSize(),
                sync.maxStreamingGroupsPerTenant(), sync.streamingLifetimeMinutes(),
                exchange.readTimeout().plusMinutes(1), sync.backoffCap());
        TenantWorker.Services services = new TenantWorker.Services(connections, tenants, ewsFactory,
                new CalendarReader(sync.pageSize()), publisher, health, new SyncMetrics(registry), timer, clock, backoff,
                () -> SyncWindow.around(clock.instant(), sync.windowBack(), sync.windowAhead()), settings, graph);
        engine = new SyncEngine(services, ledger);
        tenants.onChange(engine::tenantChanged);
        tenants.onChange((previous, current) -> {
            if (current == null && previous != null) {
                // A deleted tenant's secrets must not linger in memory.
                connections.forget(previous.tenantId());
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
        users = new UserDirectory(kafka, config.kafka().consumerGroup(), config.kafka().sessionTimeout(),
                ledger, engine, mapper, intake);
        users.start();
        schedule(engine::reconcileStreaming, Duration.ofMillis(500));
        schedule(engine::takeResyncRequests, sync.resyncPollInterval());
        schedule(engine::rollForward, Duration.ofMinutes(1));
        timer.scheduleAtFixedRate(guarded(engine::safetyPoll), sync.safetyPollInterval().toMillis(),
                sync.safetyPollInterval().toMillis(), TimeUnit.MILLISECONDS);
        started = true;
        LOG.infof("calendar sync started (group %s, window %s back / %s ahead, safety poll every %s, streaming %s)",
                config.kafka().consumerGroup(), sync.windowBack(), sync.windowAhead(), sync.safetyPollInterval(),
                sync.streaming() ? "on" : "off");
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (!started) {
            return;
        }
        timer.shutdownNow();
        engine.close();
        users.close();
        producer.flush();
        producer.close(Duration.ofSeconds(10));
        tenants.close();
        LOG.info("calendar sync stopped: subscriptions closed, group left, producer flushed");
    }

    private void schedule(Runnable job, Duration every) {
        timer.scheduleWithFixedDelay(guarded(job), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warnf("periodic sync job failed: %s", e.getMessage());
            }
        };
    }

    private String accessToken() {
        Tokens current = tokens.get();
        if (current == null || current.isAccessTokenExpired() || current.isAccessTokenWithinRefreshInterval()) {
            current = oidcClient.getTokens().await().atMost(config.configService().timeout());
            tokens.set(current);
        }
        return current.getAccessToken();
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "calendar-sync-publisher");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(config.kafka().sendTimeout().toMillis(), 30_000)));
        return properties;
    }

    private void createTopics() {
        Properties properties = new Properties();
        properties.putAll(kafka);
        try (Admin admin = Admin.create(properties)) {
            int partitions = config.kafka().partitions();
            Map<TopicPartition, OffsetSpec> created = new HashMap<>();
            for (String topic : List.of(Topics.USERS, Topics.TENANTS, Topics.CALENDAR, Intake.TOPIC)) {
                // The broker's default replication factor: a managed cluster replicates, a test broker does not.
                // Dead letters are a log to read, not a table: deleted by age, never compacted away by key.
                NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                        .configs(Map.of("cleanup.policy", topic.equals(Intake.TOPIC) ? "delete" : "compact"));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("created topic %s with %d partitions", topic, partitions);
                    for (int partition = 0; partition < partitions; partition++) {
                        created.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                    }
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                }
            }
            awaitServingLeaders(admin, created, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer while creating topics", e);
        }
    }

    /**
     * Returns once every new partition's leader answers for its end offset. A new partition refuses writes until
     * its leader serves it, and an idempotent producer refused that way can stall a partition until its delivery
     * time-out; right after creation the broker may not even know the topic yet, so refusals are asked again.
     */
    private static void awaitServingLeaders(Admin admin, Map<TopicPartition, OffsetSpec> partitions, Duration patience)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(patience.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("new topics did not get a serving leader", e.getCause());
                }
                Thread.sleep(100);
            }
        }
    }

    /** True while the service should receive traffic: started, not stopping, users loaded. */
    public boolean ready() {
        return started && !stopping && users.ready() && tenants.caughtUp();
    }

    /** True once SIGTERM (or shutdown) began. */
    public boolean stopping() {
        return stopping;
    }

    /** The live connection tester. */
    public ConnectionTester tester() {
        return tester;
    }

    private void renewGraphSubscriptions() {
        try {
            graph.subscriptions().renewDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("renewing Graph subscriptions failed; retried in a minute", e);
        }
    }

    /** The Microsoft Graph connector (reads and connection tests of GRAPH tenants). */
    public GraphConnector graph() {
        return graph;
    }

    /** The engine (for tests and metrics). */
    public SyncEngine engine() {
        return engine;
    }

    /** The users.v1 ownership (for tests). */
    public UserDirectory users() {
        return users;
    }
}
