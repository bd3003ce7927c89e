package com.calroute.config.outbox;

import com.calroute.config.CalrouteConfig;
import com.calroute.contracts.Topics;
import com.calroute.contracts.kafka.TopicSetup;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the outbox relay on its own thread for the life of the service: creates the topics, publishes in rounds, wakes
 * up when a transaction adds a record, backs off while Kafka or the database is unreachable (the service itself stays
 * up; health shows it) and flushes what is pending on shutdown. The relay is a thread of its own, not
 * {@code @Scheduled}, because a commit wakes it at once; the periodic housekeeping is {@code @Scheduled}.
 */
@ApplicationScoped
public class OutboxRelayService {

    private static final Logger LOG = Logger.getLogger(OutboxRelayService.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    /** The topics whose state this service owns: it republishes them when the broker has lost them. */
    private static final List<String> OWN_TOPICS = List.of(Topics.TENANTS, Topics.USERS);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    CalrouteConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    @Inject
    Event<TopicsLost> topicsLost;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;
    private volatile OutboxRelay relay;
    private volatile boolean topicsReady;
    private volatile int consecutiveFailures;
    private volatile String lastFailure;
    private volatile Instant lastSuccessAt;
    private Counter published;
    private Counter failures;

    void onStart(@Observes StartupEvent event) {
        published = metrics.counter("calroute.outbox.published");
        failures = metrics.counter("calroute.outbox.failures");
        Gauge.builder("calroute.outbox.pending", pending, AtomicLong::get)
                .description("Outbox records not yet acknowledged by Kafka")
                .register(metrics);
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
        closeRelay();
        flush(config.outbox().shutdownFlushTimeout());
    }

    void onRecordAdded(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxRecordAdded event) {
        wakeUp.release();
    }

    /** Starts the relay thread (no-op when running); it checks the topics first, as at the service's start. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        topicsReady = false;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops the relay thread after its current round; records stay in the outbox until the next start. */
    public synchronized void stop() {
        running = false;
        wakeUp.release();
        Thread stopping = worker;
        if (stopping != null) {
            try {
                stopping.join(config.outbox().sendTimeout().toMillis() + 10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    /** A relay with its own producer and this service's settings, for one-off rounds (used by tests and flushes). */
    public OutboxRelay newRelay(int batchSize) {
        return OutboxRelay.connect(dataSource, kafkaConfig, batchSize, config.outbox().sendTimeout());
    }

    /** What the relay is doing, for health checks. */
    public RelayHealth health() {
        return new RelayHealth(running, topicsReady, consecutiveFailures, lastFailure, lastSuccessAt, pending.get());
    }

    /** The relay's state: running, failing (and why, in words without secrets), last success, backlog. */
    public record RelayHealth(boolean running, boolean topicsReady, int consecutiveFailures, String lastFailure,
                              Instant lastSuccessAt, long pending) {
    }

    private void loop() {
        while (running) {
            try {
                if (!topicsReady) {
                    if (config.kafka().createTopics()) {
                        TopicSetup.ensure(kafkaConfig, OWN_TOPICS, config.kafka().partitions());
                    } else {
                        TopicSetup.check(kafkaConfig, OWN_TOPICS);
                    }
                    republishLostTopics();
                    topicsReady = true;
                }
                OutboxRelay.Round round = relay().publishBatch();
                succeeded(round);
                if (round.more()) {
                    continue;
                }
                wakeUp.tryAcquire(config.outbox().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failed(e);
                // The broker may come back as another, empty one: check the topics again before the next round.
                topicsReady = false;
                closeRelay();
                pause(backoff());
            }
        }
    }

    /** Publishes what is pending within {@code timeout}, with a relay whose sends cannot outlast it. */
    private void flush(Duration timeout) {
        Instant deadline = Instant.now(clock).plus(timeout);
        Duration sendTimeout = timeout.compareTo(config.outbox().sendTimeout()) < 0 ? timeout : config.outbox().sendTimeout();
        try (OutboxRelay flushing = OutboxRelay.connect(dataSource, kafkaConfig, config.outbox().batchSize(), sendTimeout)) {
            while (Instant.now(clock).isBefore(deadline)) {
                if (!flushing.publishBatch().more()) {
                    return;
                }
            }
        } catch (Exception e) {
            LOG.warnf("outbox flush at shutdown stopped: %s; the next start publishes what is left", describe(e));
        }
    }

    private OutboxRelay relay() {
        if (relay == null) {
            relay = newRelay(config.outbox().batchSize());
        }
        return relay;
    }

    private void closeRelay() {
        OutboxRelay closing = relay;
        relay = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (RuntimeException e) {
                LOG.debugf("closing the outbox producer failed: %s", describe(e));
            }
        }
    }

    private void succeeded(OutboxRelay.Round round) throws Exception {
        if (consecutiveFailures > 0) {
            LOG.infof("outbox relay recovered after %d failed attempt(s)", consecutiveFailures);
        }
        consecutiveFailures = 0;
        lastFailure = null;
        lastSuccessAt = Instant.now(clock);
        if (round.published() > 0) {
            published.increment(round.published());
        }
        if (!round.more()) {
            pending.set(relay().pending());
        }
    }

    private void failed(Exception e) {
        consecutiveFailures++;
        lastFailure = describe(e);
        failures.increment();
        if (consecutiveFailures == 1 || consecutiveFailures % 20 == 0) {
            LOG.warnf("outbox relay cannot publish (attempt %d): %s; retrying with back-off", consecutiveFailures, lastFailure);
        }
    }

    /**
     * At start and every {@code housekeeping-interval}: deletes sent records past their retention, and — while the
     * relay publishes (the broker answers) — checks that the broker has not lost this service's topics since then.
     */
    @Scheduled(every = "${calroute.outbox.housekeeping-interval:PT10M}", concurrentExecution = ConcurrentExecution.SKIP)
    void housekeeping() throws SQLException {
        int purged = OutboxRelay.purgeSent(dataSource, config.outbox().retention());
        if (purged > 0) {
            LOG.debugf("purged %d sent outbox records past their retention", purged);
        }
        if (running && topicsReady && consecutiveFailures == 0) {
            republishLostTopics();
        }
    }

    /**
     * Queues every tenant's and user's current state again when the broker holds nothing on their topic (a new or
     * wiped cluster beside this database): consumers rebuild from the topics, so without this routing would never
     * learn the numbers enrolled before. A new system's topics are empty too; then every row still has its first
     * message waiting, and rows with a waiting message are not queued twice.
     */
    private void republishLostTopics() {
        List<String> lost = TopicSetup.neverWritten(kafkaConfig, OWN_TOPICS);
        if (!lost.isEmpty()) {
            LOG.debugf("%s hold no record at all: queueing the current state of every tenant and user there", lost);
            topicsLost.fire(new TopicsLost(Set.copyOf(lost)));
        }
    }

    private Duration backoff() {
        long factor = 1L << Math.min(consecutiveFailures - 1, 10);
        Duration next = FIRST_BACKOFF.multipliedBy(factor);
        return next.compareTo(config.outbox().maxBackoff()) > 0 ? config.outbox().maxBackoff() : next;
    }

    private void pause(Duration duration) {
        // Sleeps in slices so stop() never waits out a long back-off, while commits do not cut it short.
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e.getCause() != null && e instanceof OutboxRelay.RelayException ? e.getCause() : e;
        if (cause instanceof ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return e.getMessage() + (cause != e ? " [" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "]" : "");
    }
}
