package com.calroute.routing.decisionlog;

import com.calroute.routing.RoutingConfig;
import com.calroute.routing.decisions.Decision;
import com.calroute.routing.decisions.DecisionPump;
import com.calroute.routing.decisions.DecisionQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The route-decision log as the service runs it: lookups {@link #record} their decision into a bounded queue (never
 * waiting), a writer thread flushes it to PostgreSQL every {@code calroute.decisions.flush-interval}, and a
 * scheduled job drops each day of decisions once all of it is older than the retention. Lost records are counted in
 * {@code calroute_route_decisions_dropped_total{cause="queue_full"|"store"}}; the log never fails a lookup. Created at
 * start (it opens no connection), so no lookup ever pays for building it; a singleton, so none goes through a proxy.
 */
@Startup
@Singleton
public class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    /** Metric counting decisions lost, tagged with the cause. */
    public static final String DROPPED = "calroute.route.decisions.dropped";
    /** Metric counting decisions stored. */
    public static final String STORED = "calroute.route.decisions.stored";
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final JdbcDecisionStore store;
    private final RoutingConfig.Decisions config;
    private final Clock clock;
    private final DecisionQueue queue;
    private final DecisionPump pump;
    private final Counter stored;
    private volatile Instant lastWarning = Instant.MIN;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "route-decisions-writer");
        thread.setDaemon(true);
        return thread;
    });

    DecisionLog(JdbcDecisionStore store, RoutingConfig config, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.config = config.decisions();
        this.clock = clock;
        Map<DecisionQueue.DropCause, Counter> dropped = new EnumMap<>(DecisionQueue.DropCause.class);
        for (DecisionQueue.DropCause cause : DecisionQueue.DropCause.values()) {
            dropped.put(cause, Counter.builder(DROPPED).tag("cause", cause.tag())
                    .description("Route decisions lost before reaching the decision log").register(registry));
        }
        DecisionQueue.Drops drops = (cause, n) -> dropped.get(cause).increment(n);
        this.queue = new DecisionQueue(this.config.queueCapacity(), drops);
        this.pump = new DecisionPump(queue, store::store, drops, this.config.batchSize());
        this.stored = Counter.builder(STORED).description("Route decisions written to the decision log")
                .register(registry);
        registry.gauge("calroute.route.decisions.queued", queue, DecisionQueue::size);
    }

    /** Offers a lookup's decision to the writer; never waits, never throws. */
    public void record(Decision decision) {
        queue.offer(decision);
    }

    /**
     * Starts the writer: it flushes every {@code flush-interval} (200 ms), on a thread of its own rather than through
     * {@code @Scheduled}, whose simple scheduler fires nothing more often than once a second. The interval matters:
     * a second's decisions written at once made PostgreSQL take one of the two cores for tens of milliseconds every
     * second, and the lookups queued behind it; a fifth of that five times a second spreads the same work thin.
     */
    void startWriter(@Observes StartupEvent event) {
        long every = config.flushInterval().toMillis();
        writer.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    /** Writes what the lookups queued; a failed store loses (and counts) it. */
    void flush() {
        DecisionPump.Flush flush;
        try {
            flush = pump.flush();
        } catch (RuntimeException e) {
            // The pump counts what a store loses and never throws; anything else must not end the writer's schedule.
            LOG.warnf("Route decision log: the writer failed (%s); it goes on", e.getClass().getSimpleName());
            return;
        }
        stored.increment(flush.stored());
        if (flush.failure() != null) {
            Instant now = clock.instant();
            if (now.isAfter(lastWarning.plus(WARN_EVERY))) {
                lastWarning = now;
                LOG.warnf("Route decision log: %d decisions lost, the store failed (%s); lookups are unaffected."
                        + " Further losses are counted in calroute_route_decisions_dropped_total and logged at most"
                        + " once a minute.", flush.lost(), flush.failure().getClass().getSimpleName());
            }
        }
    }

    @Scheduled(every = "${calroute.decisions.purge-interval:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "route-decisions-retention")
    void scheduledPurge() {
        try {
            List<String> dropped = purgeExpired();
            if (!dropped.isEmpty()) {
                LOG.infof("Route decision log: dropped %s, all older than %s", dropped, config.retention());
            }
        } catch (Exception e) {
            LOG.warnf("Route decision log: retention job failed (%s); it runs again in %s",
                    e.getClass().getSimpleName(), config.purgeInterval());
        }
    }

    /**
     * Drops the days of decisions wholly older than the retention and prepares today's and tomorrow's; answers the
     * partitions dropped.
     */
    public List<String> purgeExpired() throws Exception {
        Instant now = clock.instant();
        return store.rotate(now.minus(config.retention()), now);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
        // What the lookups queued after the writer's last flush; a failure is counted like any other.
        flush();
    }
}
