package com.calroute.sync.schedule;

import com.calroute.contracts.Topics;
import com.calroute.contracts.tenants.TenantMessage;
import com.calroute.contracts.users.UserMessage;
import com.calroute.sync.connection.Connections;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.feed.ChangeFeedFactory;
import com.calroute.sync.feed.FeedHealth;
import com.calroute.sync.mailbox.OwnershipListener;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.ReadUrgency;
import com.calroute.sync.plan.AbsencePolls;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.publish.CalendarLedger;
import com.calroute.sync.publish.CalendarPublisher;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns users.v1 ownership and settings into sync work: an opted-in user's mailbox is added to its tenant's
 * {@link TenantSync} (read and followed from then on); an opt-out stops that and publishes the empty calendar; an
 * un-enrolment stops it, writes a tombstone on calroute.calendar.v1 and deletes the user's health; a hand-over
 * stops it without publishing. Nothing here waits for Exchange, and a new user's PENDING health is written in
 * batches, so a burst of 20,000 users is absorbed in seconds and the other tenants' users behind it wait for no
 * mailbox work.
 */
public class SyncEngine implements OwnershipListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);

    /** What every tenant's sync is built from. */
    public record Parts(SyncScheduler scheduler, Connections connections, ChangeFeedFactory feeds,
                        FeedHealth feedHealth, AbsencePolls replies, Clock clock, boolean feedsOn) {
    }

    private final Map<String, TenantSync> tenants = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionByKey = new ConcurrentHashMap<>();
    private final Parts parts;
    private final CalendarPublisher publisher;
    private final CalendarLedger ledger;
    private final SyncHealthStore health;
    private final Supplier<SyncWindow> windows;
    private final List<SyncHealthStore.Enrolled> enrolled = new ArrayList<>();
    private volatile SyncWindow window;
    private volatile boolean closed;

    public SyncEngine(Parts parts, CalendarPublisher publisher, CalendarLedger ledger, SyncHealthStore health,
                      Supplier<SyncWindow> windows) {
        this.parts = parts;
        this.publisher = publisher;
        this.ledger = ledger;
        this.health = health;
        this.windows = windows;
        this.window = windows.get();
    }

    @Override
    public void partitionAssigned(int partition, Map<String, UserMessage> latest) {
        latest.forEach((key, user) -> apply(partition, key, user, true));
        recordEnrolled();
    }

    @Override
    public void userChanged(int partition, String key, UserMessage user) {
        apply(partition, key, user, false);
    }

    /** {@code handedOver}: the user came with its partition (restart, rebalance), not as a live change. */
    private void apply(int partition, String key, UserMessage user, boolean handedOver) {
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
            TenantSync tenant = tenant(tenantId);
            if (!tenant.owns(key)) {
                synchronized (enrolled) {
                    enrolled.add(new SyncHealthStore.Enrolled(tenantId, userId));
                }
            }
            // Taken over with a calendar on the topic: routing acts on it now and it may be stale, so it is read
            // without waiting for the feed (FirstReads); a live opt-in or address change waits for the feed.
            tenant.upsert(key, userId, user.email(), handedOver, ledger.last(key));
        }
    }

    /** Writes the PENDING health of users enrolled since the last call, in one batch; called periodically. */
    public void recordEnrolled() {
        List<SyncHealthStore.Enrolled> batch;
        synchronized (enrolled) {
            if (enrolled.isEmpty()) {
                return;
            }
            batch = List.copyOf(enrolled);
            enrolled.clear();
        }
        try {
            health.pending(batch);
        } catch (RuntimeException e) {
            // Health is what admins see, sync goes on without it; the first read writes the user's row anyway.
            LOG.warnf("sync health of %d new users not recorded: %s", batch.size(), e.getMessage());
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
        // A PENDING row still in the batch must not be written after the deletion.
        recordEnrolled();
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
        recordEnrolled();
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
        TenantSync tenant = tenants.get(tenantId);
        if (tenant != null) {
            tenant.remove(key);
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
        if (current == null) {
            // Deleted: its feed, its mailboxes' schedule and gate go; nothing of it stays in memory.
            TenantSync gone = tenants.remove(tenantId);
            if (gone != null) {
                gone.close();
            }
            parts.scheduler().forget(tenantId);
            return;
        }
        TenantSync tenant = tenants.get(tenantId);
        if (tenant == null) {
            return;
        }
        boolean connectionChanged = previous == null || previous.connectionVersion() != current.connectionVersion();
        boolean outputChanged = previous == null || previous.subjectSharing() != current.subjectSharing()
                || !Objects.equals(previous.timeZone(), current.timeZone())
                || !Objects.equals(previous.itemCodes(), current.itemCodes());
        if (connectionChanged) {
            tenant.connectionChanged();
        }
        if (connectionChanged || outputChanged) {
            tenant.requestAll(ReadUrgency.NORMAL);
        }
    }

    /** The safety poll: read every owned mailbox again, after all live and first reads. */
    public void safetyPoll() {
        tenants.values().forEach(tenant -> tenant.requestAll(ReadUrgency.ROUTINE));
    }

    /** Moves the window forward when the day changes and re-reads everything. */
    public void rollForward() {
        SyncWindow now = windows.get();
        if (!now.equals(window)) {
            window = now;
            LOG.infof("sync window rolled forward to %s .. %s", now.start(), now.end());
            tenants.values().forEach(tenant -> tenant.requestAll(ReadUrgency.NORMAL));
        }
    }

    /** Keeps every tenant's change feed in line with its mailboxes. */
    public void reconcileFeeds() {
        tenants.values().forEach(TenantSync::reconcile);
    }

    /** Handles resync requests stored by any replica for the users this one owns. */
    public void takeResyncRequests() {
        for (String[] request : health.pendingResyncs()) {
            String key = Topics.userKey(request[0], request[1]);
            TenantSync tenant = tenants.get(request[0]);
            if (tenant != null && tenant.owns(key)) {
                health.resyncTaken(request[0], request[1]);
                // A resync reads everything again: the automatic replies too, at the poller's next round.
                parts.replies().pollAt(key, parts.clock().instant());
                tenant.request(key, ReadUrgency.CHANGE, null);
            }
        }
    }

    /** The tenant's sync (created on first use). */
    public TenantSync tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, id -> new TenantSync(id, parts.scheduler(), parts.connections(),
                parts.feeds(), parts.feedHealth(), parts.clock(), parts.feedsOn()));
    }

    /** True while any read of the tenant's mailboxes waits for a worker or its turn. */
    boolean readsWaiting(String tenantId) {
        return parts.scheduler().readsWaiting(tenantId);
    }

    /** Every tenant with mailboxes synced here. */
    Collection<TenantSync> tenants() {
        return List.copyOf(tenants.values());
    }

    /** The tenant's sync, or null if this replica syncs none of its mailboxes. */
    TenantSync existing(String tenantId) {
        return tenants.get(tenantId);
    }

    /** The current window (the one the messages carry). */
    public SyncWindow window() {
        return window;
    }

    /** How many mailboxes this replica syncs. */
    public int mailboxCount() {
        return tenants.values().stream().mapToInt(TenantSync::size).sum();
    }

    /** Stops every tenant's feed and reads. */
    @Override
    public void close() {
        closed = true;
        tenants.values().forEach(TenantSync::close);
        parts.scheduler().close();
    }
}
