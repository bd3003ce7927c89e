package com.calroute.sync.health;

import com.calroute.sync.feed.FeedHealth;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps {@code sync_health}'s notifications-lagging column in line with the change feeds. Feeds report on their own
 * threads, often for a whole streaming group at once; those reports are gathered here (the latest per user wins)
 * and written in one batch every second, so a feed never waits for PostgreSQL and a database outage only delays
 * the record: what could not be written is written when the database is back.
 */
@ApplicationScoped
public class NotificationHealth implements FeedHealth {

    private static final Logger LOG = Logger.getLogger(NotificationHealth.class);

    /** A user's latest notification state; {@code laggingSince} null means live. */
    public record Report(String tenantId, String userId, Instant laggingSince) {
    }

    private final SyncHealthStore store;
    private final Map<String, Report> unwritten = new ConcurrentHashMap<>();

    @Inject
    public NotificationHealth(SyncHealthStore store) {
        this.store = store;
    }

    @Override
    public void lagging(String tenantId, Collection<String> userIds, Instant since) {
        for (String userId : userIds) {
            // A user already reported lagging keeps the earlier start.
            unwritten.merge(tenantId + "/" + userId, new Report(tenantId, userId, since),
                    (earlier, later) -> earlier.laggingSince() != null ? earlier : later);
        }
    }

    @Override
    public void live(String tenantId, Collection<String> userIds) {
        for (String userId : userIds) {
            unwritten.put(tenantId + "/" + userId, new Report(tenantId, userId, null));
        }
    }

    /** Writes the gathered reports; each one written is forgotten unless a newer report replaced it meanwhile. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void write() {
        if (unwritten.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Report>> batch = new ArrayList<>(unwritten.entrySet());
        try {
            store.notifications(batch.stream().map(Map.Entry::getValue).toList());
        } catch (RuntimeException e) {
            LOG.debugf("notification health not written yet (%d users): %s", batch.size(), e.getMessage());
            return;
        }
        batch.forEach(entry -> unwritten.remove(entry.getKey(), entry.getValue()));
    }
}
