package com.calroute.sync.schedule;

import com.calroute.contracts.Topics;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.UserMessage;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.mailbox.OwnershipListener;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.publish.CalendarPublisher;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns users.v1 ownership and settings into sync work: opted-in users get their mailbox read and streamed by
 * their tenant's worker; an opt-out stops that and publishes the empty calendar; an un-enrolment stops it, writes
 * a tombstone on calroute.calendar.v1 and deletes the user's health; a hand-over stops it without publishing.
 */
public class SyncEngine implements OwnershipListener {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);

    private final Map<String, TenantWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionByKey = new ConcurrentHashMap<>();
    private final TenantWorker.Services services;
    private final CalendarPublisher publisher;
    private final CalendarLedger ledger;
    private final SyncHealthStore health;
    private volatile SyncWindow window;
    private volatile boolean closed;

    public SyncEngine(TenantWorker.Services services, CalendarLedger ledger) {
        this.services = services;
        this.publisher = services.publisher();
        this.ledger = ledger;
        this.health = services.health();
        this.window = services.window().get();
    }

    @Override
    public void partitionAssigned(int partition, Map<String, UserMessage> latest) {
        latest.forEach((key, user) -> userChanged(partition, key, user));
    }

    @Override
    public void userChanged(int partition, String key, UserMessage user) {
        if (closed) {
            return;
        }
        String tenantId;
        String userId;
        try {
            tenantId = Topics.tenantOf(key);
            userId = Topics.userOf(key);
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring users.v1 record with malformed key in partition %d", partition);
            return;
        }
        if (user == null) {
            unenrolled(tenantId, userId, key);
        } else if (!user.syncEnabled() || user.email() == null) {
            optedOut(tenantId, userId, key, partition);
        } else {
            partitionByKey.put(key, partition);
            boolean known = worker(tenantId).owns(key);
            if (!known) {
                guarded(() -> health.pending(tenantId, userId), tenantId, userId);
            }
            worker(tenantId).upsert(key, userId, user.email());
        }
    }

    private void unenrolled(String tenantId, String userId, String key) {
        stop(tenantId, key);
        partitionByKey.remove(key);
        try {
            if (publisher.tombstone(tenantId, userId)) {
                LOG.infof("tenant %s user %s un-enrolled: calendar tombstoned", tenantId, userId);
            }
        } catch (CalendarPublisher.PublishException e) {
            LOG.errorf("tenant %s user %s: calendar tombstone not acknowledged; the next owner retries it", tenantId,
                    userId);
        }
        guarded(() -> health.delete(tenantId, userId), tenantId, userId);
    }

    private void optedOut(String tenantId, String userId, String key, int partition) {
        stop(tenantId, key);
        partitionByKey.put(key, partition);
        try {
            publisher.publish(tenantId, userId, CalendarSnapshot.optedOut(window), null);
        } catch (CalendarPublisher.PublishException e) {
            LOG.errorf("tenant %s user %s: empty calendar not acknowledged; the next owner retries it", tenantId, userId);
        }
        guarded(() -> health.off(tenantId, userId), tenantId, userId);
    }

    /** A health write that fails (database down) must not stop the users consumer; sync itself goes on. */
    private static void guarded(Runnable write, String tenantId, String userId) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warnf("tenant %s user %s: sync health not recorded: %s", tenantId, userId, e.getMessage());
        }
    }

    private void stop(String tenantId, String key) {
        TenantWorker worker = workers.get(tenantId);
        if (worker != null) {
            worker.remove(key);
        }
    }

    @Override
    public void partitionsRevoked(Collection<Integer> partitions) {
        Set<Integer> revoked = new HashSet<>(partitions);
        List<String> keys = new ArrayList<>();
        partitionByKey.forEach((key, partition) -> {
            if (revoked.contains(partition)) {
                keys.add(key);
            }
        });
        for (String key : keys) {
            stop(Topics.tenantOf(key), key);
            partitionByKey.remove(key);
        }
        publisher.barrier(keys);
        publisher.flush();
        ledger.forget(keys);
        LOG.infof("released %d users of partitions %s", keys.size(), partitions);
    }

    /** Reacts to a tenant's changed settings: new connection, subject sharing or time zone → read everything again. */
    public void tenantChanged(TenantMessage previous, TenantMessage current) {
        String tenantId = current != null ? current.tenantId() : previous.tenantId();
        TenantWorker worker = workers.get(tenantId);
        if (worker == null || current == null) {
            return;
        }
        boolean connectionChanged = previous == null || previous.connectionVersion() != current.connectionVersion();
        boolean outputChanged = previous == null || previous.subjectSharing() != current.subjectSharing()
                || !Objects.equals(previous.timeZone(), current.timeZone());
        if (connectionChanged) {
            worker.streamingChanged();
        }
        if (connectionChanged || outputChanged) {
            worker.requestAll(TenantWorker.Priority.NORMAL);
        }
    }

    /** The safety poll: read every owned mailbox again. */
    public void safetyPoll() {
        workers.values().forEach(worker -> worker.requestAll(TenantWorker.Priority.ROUTINE));
    }

    /** Moves the window forward when the day changes and re-reads everything. */
    public void rollForward() {
        SyncWindow now = services.window().get();
        if (!now.equals(window)) {
            window = now;
            LOG.infof("sync window rolled forward to %s .. %s", now.start(), now.end());
            workers.values().forEach(worker -> worker.requestAll(TenantWorker.Priority.NORMAL));
        }
    }

    /** Keeps streaming groups in line with owned mailboxes. */
    public void reconcileStreaming() {
        workers.values().forEach(TenantWorker::reconcileStreaming);
    }

    /** Handles resync requests stored by any replica for the users this one owns. */
    public void takeResyncRequests() {
        for (String[] request : health.pendingResyncs()) {
            String key = Topics.userKey(request[0], request[1]);
            TenantWorker worker = workers.get(request[0]);
            if (worker != null && worker.owns(key)) {
                health.resyncTaken(request[0], request[1]);
                worker.request(key, null, TenantWorker.Priority.CHANGE);
            }
        }
    }

    /** The worker of a tenant (created on first use). */
    public TenantWorker worker(String tenantId) {
        return workers.computeIfAbsent(tenantId, id -> new TenantWorker(id, services));
    }

    /** The current window (the one the messages carry). */
    public SyncWindow window() {
        return window;
    }

    /** How many mailboxes this replica syncs. */
    public int mailboxCount() {
        return workers.values().stream().mapToInt(TenantWorker::size).sum();
    }

    /** Stops all workers and their streaming groups. */
    public void close() {
        closed = true;
        workers.values().forEach(TenantWorker::close);
    }
}
