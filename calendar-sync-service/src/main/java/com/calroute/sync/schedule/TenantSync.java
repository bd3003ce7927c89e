package com.calroute.sync.schedule;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.connection.Connections;
import com.calroute.sync.connection.ConnectionProvider.ConnectionUnavailableException;
import com.calroute.sync.feed.ChangeFeed;
import com.calroute.sync.feed.ChangeFeedFactory;
import com.calroute.sync.feed.ChangeListener;
import com.calroute.sync.feed.FeedHealth;
import com.calroute.sync.plan.FirstReads;
import com.calroute.sync.plan.PublishDecision.LastPublished;
import com.calroute.sync.plan.ReadUrgency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tenant's opted-in mailboxes: which user each belongs to, the tenant's change feed kept in line with them,
 * and their reads asked of the shared {@link SyncScheduler}. With a feed, a new mailbox's first read waits until
 * the feed follows it (so a change between read and subscription cannot slip by, and the mailbox is read once,
 * not twice), {@link #FIRST_READ_FALLBACK} at most; one taken over with a calendar on the topic is read at once
 * ({@link FirstReads} decides). Membership changes are gathered and handed to the feed at the next
 * {@link #reconcile}, so many newcomers make one re-subscription. While the feed cannot deliver some mailboxes'
 * changes (and retries by itself), their users show as lagging in {@link FeedHealth}.
 */
public final class TenantSync implements ChangeListener, AutoCloseable {

    /** How long a new mailbox's first read waits for its change feed at most. */
    static final Duration FIRST_READ_FALLBACK = Duration.ofSeconds(10);
    private static final FirstReads FIRST_READS = new FirstReads(FIRST_READ_FALLBACK);
    /** How long to wait before asking config-service again for a connection it could not give. */
    private static final Duration NO_CONNECTION_RETRY = Duration.ofSeconds(10);

    /** An opted-in mailbox; replaced (not changed) when its address changes, so a stale read can tell. */
    public record Mailbox(String userId, String email) {
    }

    private final String tenantId;
    private final SyncScheduler scheduler;
    private final Connections connections;
    private final ChangeFeed feed;
    private final FeedHealth feedHealth;
    private final Clock clock;
    private final boolean feedOn;
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, String> keyByMailbox = new ConcurrentHashMap<>();
    private boolean membershipChanged;
    private long followedConnectionVersion = Long.MIN_VALUE;
    private Instant nextFollowAttempt = Instant.EPOCH;

    TenantSync(String tenantId, SyncScheduler scheduler, Connections connections, ChangeFeedFactory feeds,
               FeedHealth feedHealth, Clock clock, boolean feedOn) {
        this.tenantId = tenantId;
        this.scheduler = scheduler;
        this.connections = connections;
        this.feedHealth = feedHealth;
        this.clock = clock;
        this.feedOn = feedOn;
        this.feed = feeds.forTenant(tenantId, this);
    }

    /** Adds a mailbox opted in live, or follows its new address; its first read waits for the feed. */
    public void upsert(String key, String userId, String email) {
        upsert(key, userId, email, false, null);
    }

    /**
     * Adds an opted-in mailbox, or follows its new address. {@code handedOver}: it came with its users.v1 partition
     * (restart, rebalance); {@code onTopic}: what calroute.calendar.v1 holds for it (null: nothing). A mailbox taken
     * over with a calendar on the topic is read without waiting for the feed; the feed's {@code subscribed} reads it
     * once more, so a change between that read and its subscription is not lost.
     */
    public void upsert(String key, String userId, String email, boolean handedOver, LastPublished onTopic) {
        Mailbox mailbox = new Mailbox(userId, email.toLowerCase(Locale.ROOT));
        Mailbox previous;
        synchronized (this) {
            previous = mailboxes.get(key);
            if (previous != null && previous.equals(mailbox)) {
                return;
            }
            mailboxes.put(key, mailbox);
            if (previous != null) {
                keyByMailbox.remove(previous.email(), key);
            }
            keyByMailbox.put(mailbox.email(), key);
            membershipChanged = true;
        }
        Instant now = clock.instant();
        Duration firstReadWait = FIRST_READS.delay(feedOn, handedOver, onTopic);
        if (previous == null) {
            scheduler.change(tenantId, schedule -> schedule.add(key, now, firstReadWait));
        } else if (!previous.email().equals(mailbox.email())) {
            scheduler.change(tenantId, schedule -> schedule.readAsNew(key, now, firstReadWait));
        }
    }

    /** Stops syncing a mailbox (opt-out, un-enrolment or hand-over); a read in flight will not publish. */
    public void remove(String key) {
        synchronized (this) {
            Mailbox mailbox = mailboxes.remove(key);
            if (mailbox == null) {
                return;
            }
            keyByMailbox.remove(mailbox.email(), key);
            membershipChanged = true;
        }
        scheduler.change(tenantId, schedule -> schedule.remove(key));
    }

    /** The mailbox synced under {@code key}, or null. */
    public Mailbox mailbox(String key) {
        return mailboxes.get(key);
    }

    /** True while the key is synced here. */
    public boolean owns(String key) {
        return mailboxes.containsKey(key);
    }

    /** The tenant's id. */
    public String tenantId() {
        return tenantId;
    }

    /** The keys of the mailboxes synced here. */
    public List<String> keys() {
        return List.copyOf(mailboxes.keySet());
    }

    /** How many mailboxes are synced here. */
    public int size() {
        return mailboxes.size();
    }

    /** Asks for one mailbox's read. */
    public void request(String key, ReadUrgency urgency, Instant changeNotedAt) {
        scheduler.change(tenantId, schedule -> schedule.request(key, urgency, changeNotedAt));
    }

    /** Asks for every mailbox to be read (safety poll, roll-forward, changed settings). */
    public void requestAll(ReadUrgency urgency) {
        scheduler.change(tenantId, schedule -> schedule.keys().forEach(key -> schedule.request(key, urgency, null)));
    }

    /** The connection changed: the feed follows the new one at the next reconcile. */
    public synchronized void connectionChanged() {
        membershipChanged = true;
        nextFollowAttempt = Instant.EPOCH;
    }

    /** Hands the feed the current mailboxes if they or the connection changed; called periodically. */
    public void reconcile() {
        if (!feedOn) {
            return;
        }
        ExchangeConnection cached = connections.cached(tenantId);
        Map<String, String> userByMailbox = new HashMap<>();
        synchronized (this) {
            boolean sameConnection = cached != null && cached.connectionVersion() == followedConnectionVersion;
            if (!membershipChanged && sameConnection) {
                return;
            }
            if (clock.instant().isBefore(nextFollowAttempt)) {
                // The feed is backing off: a new mailbox must not wait for it.
                readUnread(List.copyOf(mailboxes.keySet()));
                return;
            }
        }
        ExchangeConnection connection;
        try {
            connection = connections.get(tenantId);
        } catch (ConnectionUnavailableException e) {
            // No connection: read what was never read, so its health says why; ask config-service again later.
            synchronized (this) {
                nextFollowAttempt = clock.instant().plus(NO_CONNECTION_RETRY);
            }
            readUnread(List.copyOf(mailboxes.keySet()));
            return;
        }
        synchronized (this) {
            membershipChanged = false;
            followedConnectionVersion = connection.connectionVersion();
            mailboxes.values().forEach(mailbox -> userByMailbox.put(mailbox.email(), mailbox.userId()));
        }
        feed.follow(connection, userByMailbox);
    }

    private void readUnread(List<String> keys) {
        scheduler.change(tenantId, schedule -> schedule.readUnread(keys));
    }

    private List<String> keysOf(Set<String> addresses) {
        List<String> keys = new ArrayList<>();
        for (String address : addresses) {
            String key = keyByMailbox.get(address.toLowerCase(Locale.ROOT));
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public void changed(String mailbox, Instant notedAt) {
        String key = keyByMailbox.get(mailbox.toLowerCase(Locale.ROOT));
        if (key != null) {
            request(key, ReadUrgency.CHANGE, notedAt);
        }
    }

    private List<String> usersOf(List<String> keys) {
        List<String> users = new ArrayList<>(keys.size());
        for (String key : keys) {
            Mailbox mailbox = mailboxes.get(key);
            if (mailbox != null) {
                users.add(mailbox.userId());
            }
        }
        return users;
    }

    @Override
    public void subscribed(Set<String> addresses, Instant since) {
        List<String> keys = keysOf(addresses);
        feedHealth.live(tenantId, usersOf(keys));
        scheduler.change(tenantId, schedule -> schedule.subscribed(keys, since));
    }

    @Override
    public void lagging(Set<String> addresses) {
        List<String> keys = keysOf(addresses);
        feedHealth.lagging(tenantId, usersOf(keys), clock.instant());
        scheduler.change(tenantId, schedule -> keys.forEach(key -> schedule.request(key, ReadUrgency.ROUTINE, null)));
    }

    @Override
    public void unfollowed(Set<String> addresses, Duration askAgainAfter) {
        if (askAgainAfter != null) {
            synchronized (this) {
                membershipChanged = true;
                nextFollowAttempt = clock.instant().plus(askAgainAfter);
            }
        }
        if (!addresses.isEmpty()) {
            List<String> keys = keysOf(addresses);
            if (askAgainAfter != null) {
                // Refused for now, asked again later: lagging. Without a retry the poll is the plan, not a fault.
                feedHealth.lagging(tenantId, usersOf(keys), clock.instant());
            }
            readUnread(keys);
        }
    }

    /** Stops the feed and drops every mailbox from the schedule. */
    @Override
    public void close() {
        feed.close();
        List<String> keys;
        synchronized (this) {
            keys = List.copyOf(mailboxes.keySet());
            mailboxes.clear();
            keyByMailbox.clear();
        }
        scheduler.change(tenantId, schedule -> keys.forEach(schedule::remove));
    }
}
