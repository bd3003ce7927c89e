package com.calroute.sync.schedule;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.sync.connection.ConnectionProvider;
import com.calroute.sync.connection.ConnectionProvider.ConnectionUnavailableException;
import com.calroute.sync.connection.TenantDirectory;
import com.calroute.sync.ews.CalendarReader;
import com.calroute.sync.graph.GraphConnector;
import com.calroute.sync.graph.GraphSubscriptionManager;
import com.calroute.sync.ews.EwsClientFactory;
import com.calroute.sync.ews.EwsFailures;
import com.calroute.sync.ews.EwsSetupException;
import com.calroute.sync.ews.HardenedExchangeService;
import com.calroute.sync.ews.StreamingGroup;
import com.calroute.sync.health.SyncHealthStore;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.CalendarSnapshot;
import com.calroute.sync.plan.ExchangeLimits;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.GroupPlanner;
import com.calroute.sync.plan.MailboxGroup;
import com.calroute.sync.plan.Normaliser;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.publish.CalendarPublisher;
import com.calroute.sync.publish.CalendarPublisher.Outcome;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Everything one tenant's sync runs on — its bulkhead: its own worker threads and queue, its own concurrency gate
 * and back-off, its own streaming groups. A tenant whose Exchange is slow or down fills only its own queue.
 * Each worker thread keeps its own {@link HardenedExchangeService} (ews-java-api is not thread-safe).
 */
public class TenantWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TenantWorker.class);
    /** How long a new mailbox's first read waits for its streaming subscription at most. */
    private static final Duration FIRST_READ_FALLBACK = Duration.ofSeconds(10);

    /** How urgent a read is: a notified change goes before the safety poll's routine reads. */
    public enum Priority { CHANGE, NORMAL, ROUTINE }

    /** Everything a tenant worker needs from the service. */
    public record Services(ConnectionProvider connections, TenantDirectory tenants, EwsClientFactory ewsFactory,
                           CalendarReader reader, CalendarPublisher publisher, SyncHealthStore health,
                           SyncMetrics metrics, ScheduledExecutorService timer, Clock clock, Backoff backoff,
                           Supplier<SyncWindow> window, Settings settings, GraphConnector graph) {
    }

    /** The settings a tenant worker uses. */
    public record Settings(int threads, int concurrency, boolean streaming, int groupSize, int maxGroups,
                           int streamingLifetimeMinutes, Duration hangingReadTimeout, Duration retryCap) {
    }

    private final String tenantId;
    private final Services services;
    private final TenantGate gate;
    private final ThreadPoolExecutor pool;
    private final ThreadLocal<ServiceHolder> threadService = new ThreadLocal<>();
    private final List<HardenedExchangeService> allServices = new ArrayList<>();
    private final Map<String, MailboxState> mailboxes = new HashMap<>();
    private final Map<String, String> keyByMailbox = new HashMap<>();
    private final Map<String, StreamingGroup> streams = new HashMap<>();
    private final GroupPlanner planner;
    private final AtomicLong sequence = new AtomicLong();
    private List<MailboxGroup> groups = List.of();
    private long streamingConnectionVersion = Long.MIN_VALUE;
    private boolean streamingDirty;
    private volatile Instant nextStreamingAttempt = Instant.EPOCH;
    private volatile boolean closed;
    private final AtomicBoolean graphPushRunning =
            new AtomicBoolean();
    private ExecutorService graphPush;

    private record ServiceHolder(long connectionVersion, HardenedExchangeService service) {
    }

    public TenantWorker(String tenantId, Services services) {
        this.tenantId = tenantId;
        this.services = services;
        Settings settings = services.settings();
        this.gate = new TenantGate(ExchangeLimits.forVersion(null).concurrencyCap(settings.concurrency()),
                services.clock(), services.backoff(), services.metrics());
        this.planner = new GroupPlanner(settings.groupSize());
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new PriorityBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(() -> {
                        try {
                            runnable.run();
                        } finally {
                            closeThreadService();
                        }
                    }, "sync-" + tenantId + "-" + sequence.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** The tenant's concurrency gate (for tests and health). */
    public TenantGate gate() {
        return gate;
    }

    /**
     * Adds (or updates the address of) an opted-in mailbox. With streaming on, its first read waits until its
     * streaming group has subscribed it (so a change between read and subscription cannot slip by, and the
     * mailbox is read once, not twice); a fallback timer reads it anyway if that takes too long.
     */
    public void upsert(String key, String userId, String email) {
        String mailbox = email.toLowerCase(Locale.ROOT);
        boolean readNow;
        synchronized (this) {
            MailboxState state = mailboxes.get(key);
            if (state == null) {
                state = new MailboxState(key, userId, mailbox);
                mailboxes.put(key, state);
                streamingDirty = true;
            } else if (!state.email.equals(mailbox)) {
                keyByMailbox.remove(state.email);
                state.email = mailbox;
                state.lastReadStartedAt = null;
                streamingDirty = true;
            }
            keyByMailbox.put(mailbox, key);
            readNow = !services.settings().streaming() || state.lastReadStartedAt != null;
        }
        if (readNow) {
            request(key, null, Priority.NORMAL);
        } else {
            services.timer().schedule(() -> {
                boolean unread;
                synchronized (this) {
                    MailboxState current = mailboxes.get(key);
                    unread = current != null && current.lastReadStartedAt == null;
                }
                if (unread) {
                    request(key, null, Priority.NORMAL);
                }
            }, FIRST_READ_FALLBACK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops syncing a mailbox (opt-out, un-enrolment or hand-over); a read in flight will not publish. */
    public void remove(String key) {
        synchronized (this) {
            MailboxState state = mailboxes.remove(key);
            if (state == null) {
                return;
            }
            state.removed = true;
            if (state.retry != null) {
                state.retry.cancel(false);
            }
            keyByMailbox.remove(state.email, key);
            streamingDirty = true;
        }
    }

    /** True while the worker syncs the key. */
    public synchronized boolean owns(String key) {
        return mailboxes.containsKey(key);
    }

    /** Number of mailboxes synced by this worker. */
    public synchronized int size() {
        return mailboxes.size();
    }

    /** Asks for every mailbox to be read (safety poll, roll-forward, changed settings). */
    public void requestAll(Priority priority) {
        List<String> keys;
        synchronized (this) {
            keys = new ArrayList<>(mailboxes.keySet());
        }
        keys.forEach(key -> request(key, null, priority));
    }

    /** Asks for one mailbox's read; {@code changeNotedAt} is when Exchange told us of a change, if it did. */
    public void request(String key, Instant changeNotedAt, Priority priority) {
        synchronized (this) {
            MailboxState state = mailboxes.get(key);
            if (state == null || closed) {
                return;
            }
            if (changeNotedAt != null && state.changeNotedAt == null) {
                state.changeNotedAt = changeNotedAt;
            }
            if (state.running) {
                state.dirty = true;
                return;
            }
            if (state.queued) {
                return;
            }
            if (state.retry != null) {
                if (priority == Priority.ROUTINE) {
                    return;
                }
                state.retry.cancel(false);
                state.retry = null;
            }
            state.queued = true;
        }
        pool.execute(new ReadTask(key, priority, sequence.incrementAndGet()));
    }

    private void read(String key) {
        MailboxState state;
        Instant changeNotedAt;
        String email;
        Instant startedAt = services.clock().instant();
        synchronized (this) {
            state = mailboxes.get(key);
            if (state == null) {
                return;
            }
            state.queued = false;
            state.running = true;
            state.dirty = false;
            changeNotedAt = state.changeNotedAt;
            state.changeNotedAt = null;
            state.lastReadStartedAt = startedAt;
            email = state.email;
        }
        MailboxState reading = state;
        try {
            readAndPublish(reading, email, startedAt, changeNotedAt);
            synchronized (this) {
                reading.attempts = 0;
            }
        } catch (ReadFailure failure) {
            onFailure(reading, failure.failure);
        } catch (RuntimeException e) {
            LOG.errorf(e, "tenant %s user %s: unexpected failure while syncing", tenantId, reading.userId);
            onFailure(reading, Failure.of(FailureKind.UNEXPECTED, "An unexpected error stopped this user's sync"
                    + " — sync retries by itself"));
        } finally {
            boolean again;
            synchronized (this) {
                reading.running = false;
                again = reading.dirty && !reading.removed;
            }
            if (again) {
                request(key, null, Priority.CHANGE);
            }
        }
    }

    private void readAndPublish(MailboxState state, String email, Instant startedAt, Instant changeNotedAt)
            throws ReadFailure {
        ExchangeConnection connection;
        try {
            connection = services.connections().get(tenantId);
        } catch (ConnectionUnavailableException e) {
            throw new ReadFailure(e.failure());
        }
        SyncWindow window = services.window().get();
        boolean shareSubjects = services.tenants().sharesSubjects(tenantId);
        List<RawItem> raw;
        if (connection.kind() == ConnectionKind.GRAPH) {
            gate.resize(services.settings().concurrency());
            try {
                raw = services.graph().read(connection, email, window, shareSubjects);
            } catch (GraphConnector.ReadFailure e) {
                throw new ReadFailure(e.failure());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadFailure(Failure.of(FailureKind.UNEXPECTED, "Sync was interrupted — it retries by itself"));
            }
        } else {
            raw = readEws(connection, email, window, shareSubjects);
        }
        publish(state, window, shareSubjects, raw, startedAt, changeNotedAt);
    }

    private List<RawItem> readEws(ExchangeConnection connection, String email, SyncWindow window, boolean shareSubjects)
            throws ReadFailure {
        gate.resize(ExchangeLimits.forVersion(connection.exchangeVersion())
                .concurrencyCap(services.settings().concurrency()));
        List<RawItem> raw;
        try {
            HardenedExchangeService service = serviceFor(connection);
            EwsClientFactory.impersonate(service, email, email);
            raw = services.reader().read(service, gate, window, shareSubjects);
        } catch (EwsSetupException e) {
            throw new ReadFailure(e.failure());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure(Failure.of(FailureKind.UNEXPECTED, "Sync was interrupted — it retries by itself"));
        } catch (Exception e) {
            throw new ReadFailure(EwsFailures.classify(e, endpointOf(connection), connection.username(), email));
        }
        return raw;
    }

    private void publish(MailboxState state, SyncWindow window, boolean shareSubjects, List<RawItem> raw,
                         Instant startedAt, Instant changeNotedAt) throws ReadFailure {
        Normaliser normaliser = new Normaliser(shareSubjects, services.tenants().zone(tenantId));
        CalendarSnapshot snapshot = new CalendarSnapshot(true, window, normaliser.normalise(raw, window));
        Outcome outcome;
        try {
            outcome = services.publisher().publish(tenantId, state.userId, snapshot, startedAt, () -> !state.removed);
        } catch (CalendarPublisher.PublishException e) {
            throw new ReadFailure(Failure.of(FailureKind.UNEXPECTED,
                    "The calendar was read but could not be handed to Kafka — sync retries by itself"));
        }
        if (outcome == Outcome.SKIPPED) {
            return;
        }
        Instant done = services.clock().instant();
        services.metrics().read(outcome == Outcome.PUBLISHED, Duration.between(startedAt, done));
        if (changeNotedAt != null) {
            services.metrics().changeLatency(Duration.between(changeNotedAt, done));
        }
        services.health().succeeded(tenantId, state.userId, startedAt);
    }

    private void onFailure(MailboxState state, Failure failure) {
        services.metrics().readFailed();
        LOG.debugf("tenant %s user %s: read failed (%s)", tenantId, state.userId, failure.kind());
        if (!state.removed) {
            try {
                services.health().failed(tenantId, state.userId, failure.kind().name(), failure.message());
            } catch (RuntimeException e) {
                LOG.warnf("tenant %s user %s: could not record sync health: %s", tenantId, state.userId, e.getMessage());
            }
        }
        Duration wait;
        synchronized (this) {
            if (state.removed || closed) {
                return;
            }
            state.attempts++;
            if (failure.kind() == FailureKind.SERVER_BUSY) {
                // The gate already paused the whole tenant; queue the read again behind the pause.
                wait = Duration.ZERO;
            } else if (failure.kind().transientFault()) {
                wait = services.backoff().afterTransientFault(state.attempts);
            } else {
                // Needs a settings change (which triggers a re-read) — still retry now and then.
                wait = services.settings().retryCap();
            }
            if (wait.isZero()) {
                state.queued = false;
            } else {
                state.retry = services.timer().schedule(() -> {
                    synchronized (this) {
                        state.retry = null;
                    }
                    request(state.key, null, Priority.NORMAL);
                }, wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        }
        request(state.key, null, Priority.NORMAL);
    }

    private HardenedExchangeService serviceFor(ExchangeConnection connection) throws EwsSetupException {
        ServiceHolder holder = threadService.get();
        if (holder != null && holder.connectionVersion() == connection.connectionVersion()) {
            return holder.service();
        }
        closeThreadService();
        HardenedExchangeService service = services.ewsFactory().create(connection);
        threadService.set(new ServiceHolder(connection.connectionVersion(), service));
        synchronized (allServices) {
            allServices.add(service);
        }
        return service;
    }

    private void closeThreadService() {
        ServiceHolder holder = threadService.get();
        if (holder != null) {
            threadService.remove();
            synchronized (allServices) {
                allServices.remove(holder.service());
            }
            holder.service().close();
        }
    }

    /** Opens, closes and re-plans streaming groups to match the owned mailboxes; called periodically. */
    public void reconcileStreaming() {
        if (!services.settings().streaming() || closed) {
            return;
        }
        synchronized (this) {
            if (!streamingDirty && services.connections().cached(tenantId) != null
                    && services.connections().cached(tenantId).connectionVersion() == streamingConnectionVersion) {
                return;
            }
        }
        if (services.clock().instant().isBefore(nextStreamingAttempt)) {
            // Streaming is backing off: a new mailbox must not wait for it.
            readUnread();
            return;
        }
        ExchangeConnection connection;
        try {
            connection = services.connections().get(tenantId);
        } catch (ConnectionUnavailableException e) {
            // No connection: read what was never read, so its health says why; ask config-service again later.
            nextStreamingAttempt = services.clock().instant().plus(Duration.ofSeconds(10));
            readUnread();
            return;
        }
        if (connection.kind() == ConnectionKind.GRAPH) {
            // Graph tenants have no EWS streaming: the safety poll reads them; drop streams of an earlier EWS setting.
            List<StreamingGroup> stale;
            synchronized (this) {
                stale = new ArrayList<>(streams.values());
                streams.clear();
                groups = List.of();
                streamingConnectionVersion = connection.connectionVersion();
                streamingDirty = false;
            }
            stale.forEach(StreamingGroup::close);
            reconcileGraphSubscriptions(connection);
            return;
        }
        List<StreamingGroup> toClose = new ArrayList<>();
        List<StreamingGroup> toStart = new ArrayList<>();
        List<String> unstreamed = new ArrayList<>();
        synchronized (this) {
            boolean versionChanged = connection.connectionVersion() != streamingConnectionVersion;
            streamingDirty = false;
            if (versionChanged) {
                toClose.addAll(streams.values());
                streams.clear();
                groups = List.of();
                streamingConnectionVersion = connection.connectionVersion();
            }
            Set<String> wanted = new HashSet<>();
            mailboxes.values().forEach(state -> wanted.add(state.email));
            List<MailboxGroup> planned = planner.plan(groups, wanted);
            int limit = ExchangeLimits.forVersion(connection.exchangeVersion())
                    .streamedGroupCap(services.settings().maxGroups());
            groups = planned.size() > limit ? List.copyOf(planned.subList(0, limit)) : planned;
            Set<String> anchors = new HashSet<>();
            Set<String> streamed = new HashSet<>();
            for (MailboxGroup group : groups) {
                anchors.add(group.anchor());
                streamed.addAll(group.members());
                StreamingGroup stream = streams.get(group.anchor());
                if (stream == null) {
                    stream = new StreamingGroup(tenantId, group.anchor(), group.members(), connection,
                            services.ewsFactory(), gate, new StreamListener(), services.backoff(),
                            services.settings().streamingLifetimeMinutes(), services.settings().hangingReadTimeout());
                    streams.put(group.anchor(), stream);
                    toStart.add(stream);
                } else if (!stream.members().equals(group.members())) {
                    stream.update(group.members());
                }
            }
            streams.entrySet().removeIf(entry -> {
                if (!anchors.contains(entry.getKey())) {
                    toClose.add(entry.getValue());
                    return true;
                }
                return false;
            });
            for (MailboxState state : mailboxes.values()) {
                if (!streamed.contains(state.email) && state.lastReadStartedAt == null) {
                    unstreamed.add(state.key);
                }
            }
        }
        toClose.forEach(StreamingGroup::close);
        toStart.forEach(StreamingGroup::start);
        // Beyond the streaming budget: the safety poll is all these get, so read them now.
        unstreamed.forEach(key -> request(key, null, Priority.NORMAL));
    }

    /**
     * Graph tenants: subscriptions are made on the tenant's own push thread (a Graph that hangs must not stall the
     * other tenants), one round at a time; a newly subscribed mailbox is read then, so no change between read and
     * subscription slips by, like an EWS streaming member. Mailboxes Graph would not subscribe are read now and
     * tried again a minute later; without a notification URL the safety poll is all there is.
     */
    private void reconcileGraphSubscriptions(ExchangeConnection connection) {
        GraphSubscriptionManager push = services.graph().subscriptions();
        if (push == null) {
            readUnread();
            return;
        }
        if (!graphPushRunning.compareAndSet(false, true)) {
            synchronized (this) {
                streamingDirty = true;
            }
            return;
        }
        Map<String, String> wanted = new HashMap<>();
        synchronized (this) {
            mailboxes.values().forEach(state -> wanted.put(state.email, state.userId));
        }
        StreamListener listener = new StreamListener();
        try {
            graphPush().execute(() -> {
                try {
                    Instant since = services.clock().instant();
                    GraphSubscriptionManager.Ensured ensured = push.ensure(connection, wanted, listener::changed);
                    listener.subscribed(Set.copyOf(ensured.subscribed()), since);
                    if (!ensured.failed().isEmpty()) {
                        // Some mailboxes could not subscribe (e.g. Graph cannot reach us): try again in a minute.
                        synchronized (this) {
                            streamingDirty = true;
                        }
                        nextStreamingAttempt = services.clock().instant().plus(Duration.ofMinutes(1));
                        readUnread();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.warnf("tenant %s: Graph subscriptions could not be reconciled: %s", tenantId, e.getMessage());
                    synchronized (this) {
                        streamingDirty = true;
                    }
                    readUnread();
                } finally {
                    graphPushRunning.set(false);
                }
            });
        } catch (RejectedExecutionException closing) {
            graphPushRunning.set(false);
        }
    }

    private synchronized ExecutorService graphPush() {
        if (graphPush == null) {
            graphPush = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "graph-push-" + tenantId);
                thread.setDaemon(true);
                return thread;
            });
        }
        return graphPush;
    }

    private void readUnread() {
        List<String> unread = new ArrayList<>();
        synchronized (this) {
            mailboxes.values().stream().filter(state -> state.lastReadStartedAt == null)
                    .forEach(state -> unread.add(state.key));
        }
        unread.forEach(key -> request(key, null, Priority.NORMAL));
    }

    /** Marks streaming for re-planning (e.g. the connection changed). */
    public synchronized void streamingChanged() {
        streamingDirty = true;
        nextStreamingAttempt = Instant.EPOCH;
    }

    private final class StreamListener implements StreamingGroup.Listener {

        @Override
        public void changed(String mailbox, Instant notifiedAt) {
            String key;
            synchronized (TenantWorker.this) {
                key = keyByMailbox.get(mailbox.toLowerCase(Locale.ROOT));
            }
            if (key != null) {
                request(key, notifiedAt, Priority.CHANGE);
            }
        }

        @Override
        public void subscribed(Set<String> subscribedMailboxes, Instant since) {
            List<String> reread = new ArrayList<>();
            synchronized (TenantWorker.this) {
                for (String mailbox : subscribedMailboxes) {
                    String key = keyByMailbox.get(mailbox);
                    MailboxState state = key == null ? null : mailboxes.get(key);
                    if (state != null && !state.queued
                            && (state.lastReadStartedAt == null || state.lastReadStartedAt.isBefore(since))) {
                        reread.add(key);
                    }
                }
            }
            reread.forEach(key -> request(key, null, Priority.NORMAL));
        }

        @Override
        public void failed(Set<String> groupMailboxes, Failure failure) {
            LOG.debugf("tenant %s: a streaming group of %d mailboxes is down (%s); the safety poll covers it",
                    tenantId, groupMailboxes.size(), failure.kind());
        }
    }

    private String endpointOf(ExchangeConnection connection) {
        try {
            return services.ewsFactory().endpoint(connection.ewsUrl()).hostPort();
        } catch (EwsSetupException e) {
            return String.valueOf(connection.ewsUrl());
        }
    }

    @Override
    public void close() {
        List<StreamingGroup> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(streams.values());
            streams.clear();
            mailboxes.values().forEach(state -> {
                state.removed = true;
                if (state.retry != null) {
                    state.retry.cancel(false);
                }
            });
        }
        toClose.forEach(StreamingGroup::close);
        synchronized (this) {
            if (graphPush != null) {
                graphPush.shutdownNow();
            }
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (allServices) {
            allServices.forEach(HardenedExchangeService::close);
            allServices.clear();
        }
    }

    private final class ReadTask implements Runnable, Comparable<ReadTask> {
        private final String key;
        private final Priority priority;
        private final long order;

        ReadTask(String key, Priority priority, long order) {
            this.key = key;
            this.priority = priority;
            this.order = order;
        }

        @Override
        public void run() {
            read(key);
        }

        @Override
        public int compareTo(ReadTask other) {
            int byPriority = priority.compareTo(other.priority);
            return byPriority != 0 ? byPriority : Long.compare(order, other.order);
        }
    }

    /** A read failed for a reason the admin can read. */
    private static final class ReadFailure extends Exception {
        private final transient Failure failure;

        ReadFailure(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }
}
