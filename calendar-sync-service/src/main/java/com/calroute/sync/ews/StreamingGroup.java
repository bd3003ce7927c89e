package com.calroute.sync.ews;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.notification.NotificationEvent;
import microsoft.exchange.webservices.data.notification.StreamingSubscription;
import microsoft.exchange.webservices.data.notification.StreamingSubscriptionConnection;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One streaming connection for up to 200 mailboxes anchored on one of them. Each member is subscribed with
 * {@code ExchangeImpersonation} = the member and {@code X-AnchorMailbox} = the anchor; the hanging
 * GetStreamingEvents request impersonates the anchor, so Exchange charges it to the anchor's budget. Members can
 * join and leave while it runs: only the newcomers are subscribed, then the connection is re-opened with the new
 * set. It runs on its own thread with its own (not thread-safe) services — one for Subscribe calls, a fresh one
 * per hanging connection — and ews-java-api's callbacks only post signals to that thread.
 * <ul>
 *   <li>A clean {@code Closed} at the end of the connection's lifetime opens the next connection with the same
 *   subscriptions: Exchange kept their events queued, nothing is lost.</li>
 *   <li>A broken connection or a subscription error (missed events, bad watermark, expired subscription) starts
 *   over: fresh subscriptions, then a full re-read of the members, since events may be gone. Breaking again soon
 *   after counts as a failure and backs off.</li>
 *   <li>A connection is abandoned by closing its service, which aborts the socket: the library's own
 *   {@code close()} drains a response that may never end, and re-opening inside its disconnect callback is a
 *   known ews-java-api bug (issue #322).</li>
 *   <li>Members that leave (opt-out, hand-over to another replica) and, on close or before starting over, all
 *   members are unsubscribed:
 *   Exchange counts live subscriptions per mailbox (20 on Exchange 2010), so subscriptions left to expire would
 *   let a mailbox that changes owner often be refused. Closing waits for that at most {@link #UNSUBSCRIBE_GRACE}.</li>
 * </ul>
 */
public final class StreamingGroup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamingGroup.class);
    /** A stream that breaks sooner than this after subscribing counts as a failure (with back-off). */
    private static final Duration UNSTABLE = Duration.ofSeconds(30);
    /** How long a closing group may spend unsubscribing before its connection is cut. */
    static final Duration UNSUBSCRIBE_GRACE = Duration.ofSeconds(5);
    /** Failures that concern one member, not the account: the member is left out, the group carries on. */
    private static final Set<FailureKind> MEMBER_FAILURES = Set.of(FailureKind.IMPERSONATION, FailureKind.MAILBOX,
            FailureKind.UNSAFE_RESPONSE, FailureKind.MALFORMED_RESPONSE, FailureKind.UNEXPECTED);

    /** What the group reports to the scheduler; called on the group's thread or the library's. */
    public interface Listener {
        /** Exchange notified a change in {@code mailbox}'s calendar. */
        void changed(String mailbox, Instant notifiedAt);

        /** {@code mailboxes} are subscribed as of {@code since}; any change before may have been missed. */
        void subscribed(Set<String> mailboxes, Instant since);

        /** The group cannot stream right now; it retries by itself. */
        void failed(Set<String> mailboxes, Failure failure);
    }

    private sealed interface Signal permits Disconnected, SubscriptionLost, MembersChanged, Close {
    }

    private record Disconnected(Exception cause) implements Signal {
    }

    private record SubscriptionLost(String subscriptionId, Exception cause) implements Signal {
    }

    private record MembersChanged() implements Signal {
    }

    private record Close() implements Signal {
    }

    private final String tenantId;
    private final String anchor;
    private final ExchangeConnection connectionSettings;
    private final EwsClientFactory factory;
    private final EwsCalls calls;
    private final Listener listener;
    private final Backoff backoff;
    private final int lifetimeMinutes;
    private final Duration hangingReadTimeout;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final AtomicInteger generations = new AtomicInteger();
    private final Thread thread;
    private volatile Set<String> wanted;
    private volatile boolean closed;
    private volatile HardenedExchangeService controlService;
    private volatile HardenedExchangeService streamService;
    private Instant streamingSince = Instant.EPOCH;

    public StreamingGroup(String tenantId, String anchor, Set<String> members, ExchangeConnection connectionSettings,
                          EwsClientFactory factory, EwsCalls calls, Listener listener, Backoff backoff,
                          int lifetimeMinutes, Duration hangingReadTimeout) {
        this.tenantId = tenantId;
        this.anchor = anchor;
        this.wanted = Set.copyOf(members);
        this.connectionSettings = connectionSettings;
        this.factory = factory;
        this.calls = calls;
        this.listener = listener;
        this.backoff = backoff;
        this.lifetimeMinutes = Math.max(1, Math.min(30, lifetimeMinutes));
        this.hangingReadTimeout = hangingReadTimeout;
        this.thread = new Thread(this::run, "ews-stream-" + tenantId + "-" + Integer.toHexString(anchor.hashCode()));
        this.thread.setDaemon(true);
    }

    /** The anchor mailbox whose budget this group's connection is charged to. */
    public String anchor() {
        return anchor;
    }

    /** The members the group should stream. */
    public Set<String> members() {
        return wanted;
    }

    /** Changes the members; newcomers are subscribed and the connection re-opened on the group's thread. */
    public void update(Set<String> members) {
        wanted = Set.copyOf(members);
        signals.offer(new MembersChanged());
    }

    /** Starts subscribing and streaming on the group's own thread. */
    public void start() {
        thread.start();
    }

    /**
     * Stops the group: the hanging connection is cut at once; the group's thread then unsubscribes its members
     * and ends, or is cut off after {@link #UNSUBSCRIBE_GRACE}. Does not wait.
     */
    @Override
    public void close() {
        closed = true;
        signals.offer(new Close());
        abort(streamService);
        if (!thread.isAlive()) {
            return;
        }
        CompletableFuture.delayedExecutor(UNSUBSCRIBE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> {
                    if (thread.isAlive()) {
                        abort(controlService);
                        thread.interrupt();
                    }
                });
    }

    private void run() {
        int attempt = 0;
        while (!closed) {
            try (HardenedExchangeService control = factory.createForStreaming(connectionSettings, hangingReadTimeout)) {
                controlService = control;
                if (closed) {
                    return;
                }
                Map<String, StreamingSubscription> subscriptions = new HashMap<>();
                Set<String> refused = new HashSet<>();
                try {
                    syncMembers(control, subscriptions, refused);
                    streamingSince = Instant.now();
                    stream(control, subscriptions, refused);
                } finally {
                    // Closing or starting over: these subscriptions are not used again, so end them at Exchange.
                    unsubscribe(control, subscriptions);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StreamLostException e) {
                LOG.debugf("tenant %s: %s; re-subscribing %d mailboxes", tenantId, e.getMessage(), wanted.size());
                if (Duration.between(streamingSince, Instant.now()).compareTo(UNSTABLE) < 0) {
                    // It broke again soon after starting: back off instead of hammering Exchange.
                    attempt = waitAfterFailure(Failure.of(FailureKind.UNAVAILABLE,
                            "Exchange keeps breaking the streaming connection"), ++attempt);
                } else {
                    attempt = 0;
                }
            } catch (EwsSetupException e) {
                attempt = waitAfterFailure(e.failure(), ++attempt);
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                Failure failure = EwsFailures.classify(e, endpoint(), connectionSettings.username(), anchor);
                attempt = waitAfterFailure(failure, ++attempt);
            }
        }
    }

    /**
     * Subscribes newcomers and unsubscribes leavers. A member Exchange
     * refuses on its own account (no impersonation right, no such mailbox, a hostile answer) is left out — its
     * reads report why — instead of failing the whole group; ErrorServerBusy is waited out and the same member
     * tried again; other account-wide failures (credentials, TLS, network) fail the group, which backs off and
     * starts over.
     */
    private void syncMembers(HardenedExchangeService control, Map<String, StreamingSubscription> subscriptions,
                             Set<String> refused) throws Exception {
        Set<String> target = wanted;
        Map<String, StreamingSubscription> leavers = new HashMap<>(subscriptions);
        leavers.keySet().removeAll(target);
        subscriptions.keySet().removeAll(leavers.keySet());
        unsubscribe(control, leavers);
        refused.retainAll(target);
        Set<String> added = new HashSet<>(target);
        added.removeAll(subscriptions.keySet());
        added.removeAll(refused);
        if (added.isEmpty()) {
            return;
        }
        Instant since = Instant.now();
        Set<String> subscribed = new HashSet<>();
        for (String member : added) {
            if (closed) {
                return;
            }
            EwsClientFactory.impersonate(control, member, anchor);
            control.getHttpHeaders().put(EwsClientFactory.AFFINITY_HEADER, "true");
            while (!closed) {
                try {
                    subscriptions.put(member, calls.call("Subscribe", () -> control.subscribeToStreamingNotifications(
                            List.of(new FolderId(WellKnownFolderName.Calendar)), EventType.Created, EventType.Modified,
                            EventType.Deleted, EventType.Moved, EventType.Copied)));
                    subscribed.add(member);
                    break;
                } catch (Exception e) {
                    Failure failure = EwsFailures.classify(e, endpoint(), connectionSettings.username(), member);
                    if (failure.kind() == FailureKind.SERVER_BUSY) {
                        // The budget is spent: wait out Exchange's back-off and try the same member again; the
                        // subscriptions made so far stay — starting over would spend the budget on them again.
                        Thread.sleep(backoff.afterServerBusy(failure.serverBackOff()).toMillis());
                        continue;
                    }
                    if (!MEMBER_FAILURES.contains(failure.kind())) {
                        throw e;
                    }
                    refused.add(member);
                    LOG.debugf("tenant %s: a mailbox cannot be subscribed (%s); it relies on polling", tenantId,
                            failure.kind());
                    break;
                }
            }
        }
        if (!subscribed.isEmpty()) {
            listener.subscribed(subscribed, since);
        }
    }

    private void stream(HardenedExchangeService control, Map<String, StreamingSubscription> subscriptions,
                        Set<String> refused) throws Exception {
        while (!closed) {
            if (subscriptions.isEmpty()) {
                Signal signal = signals.take();
                if (signal instanceof Close) {
                    return;
                }
                syncMembers(control, subscriptions, refused);
                continue;
            }
            Map<String, String> memberBySubscription = new HashMap<>();
            subscriptions.forEach((member, subscription) -> memberBySubscription.put(subscription.getId(), member));
            try (HardenedExchangeService stream = factory.createForStreaming(connectionSettings, hangingReadTimeout)) {
                streamService = stream;
                EwsClientFactory.impersonate(stream, anchor, anchor);
                stream.getHttpHeaders().put(EwsClientFactory.AFFINITY_HEADER, "true");
                StreamingSubscriptionConnection connection = new StreamingSubscriptionConnection(stream,
                        List.copyOf(subscriptions.values()), lifetimeMinutes);
                int generation = generations.incrementAndGet();
                connection.addOnNotificationEvent((sender, args) -> {
                    String member = args.getSubscription() == null ? null
                            : memberBySubscription.get(args.getSubscription().getId());
                    if (member != null && hasItemEvent(args.getEvents())) {
                        listener.changed(member, Instant.now());
                    }
                });
                // Callbacks of a connection we already gave up on are stale: ignore them.
                connection.addOnSubscriptionError((sender, args) -> {
                    if (generation == generations.get()) {
                        signals.offer(new SubscriptionLost(args.getSubscription() == null ? null
                                : args.getSubscription().getId(), args.getException()));
                    }
                });
                connection.addOnDisconnect((sender, args) -> {
                    if (generation == generations.get()) {
                        signals.offer(new Disconnected(args.getException()));
                    }
                });
                // Opening sends the request and waits for Exchange to accept it: that moment counts against the
                // account's concurrency like any request, so it holds a permit; the hanging stream afterwards does not.
                calls.call("GetStreamingEvents", () -> {
                    connection.open();
                    return null;
                });
                Signal signal = signals.take();
                generations.incrementAndGet();
                if (signal instanceof Close) {
                    return;
                }
                if (signal instanceof MembersChanged) {
                    signals.removeIf(pending -> pending instanceof MembersChanged);
                    syncMembers(control, subscriptions, refused);
                    continue;
                }
                if (signal instanceof Disconnected disconnected && disconnected.cause() == null) {
                    continue;
                }
                String code = signal instanceof SubscriptionLost lost ? EwsFailures.errorCode(lost.cause())
                        : EwsFailures.errorCode(((Disconnected) signal).cause());
                throw new StreamLostException(code);
            } finally {
                streamService = null;
            }
        }
    }

    /**
     * Ends these subscriptions at Exchange, each as its own mailbox; a failure only means it expires there. When
     * Exchange does not answer or is busy, the rest are left to expire too rather than delaying the group's next
     * attempt by a time-out per member or spending the budget it needs to subscribe again.
     */
    private void unsubscribe(HardenedExchangeService control, Map<String, StreamingSubscription> subscriptions) {
        try {
            for (Map.Entry<String, StreamingSubscription> entry : subscriptions.entrySet()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    EwsClientFactory.impersonate(control, entry.getKey(), anchor);
                    calls.call("Unsubscribe", () -> {
                        entry.getValue().unsubscribe();
                        return null;
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    String code = EwsFailures.errorCode(e);
                    LOG.debugf("tenant %s: a subscription could not be ended (%s); Exchange lets it expire", tenantId,
                            code == null ? "no answer" : code);
                    if (code == null || code.equals("ErrorServerBusy")) {
                        return;
                    }
                }
            }
        } finally {
            subscriptions.clear();
        }
    }

    private int waitAfterFailure(Failure failure, int attempt) {
        listener.failed(wanted, failure);
        Duration wait = failure.serverBackOff() != null ? backoff.afterServerBusy(failure.serverBackOff())
                : backoff.afterTransientFault(attempt);
        LOG.debugf("tenant %s: streaming group (%d mailboxes) failed (%s); retrying in %d ms", tenantId,
                wanted.size(), failure.kind(), wait.toMillis());
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Signal signal = signals.poll(left, TimeUnit.NANOSECONDS);
                if (signal instanceof Close) {
                    closed = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return attempt;
    }

    private static void abort(HardenedExchangeService service) {
        if (service != null) {
            service.close();
        }
    }

    private static boolean hasItemEvent(Iterable<NotificationEvent> events) {
        for (NotificationEvent event : events) {
            if (event.getEventType() != EventType.Status) {
                return true;
            }
        }
        return false;
    }

    private String endpoint() {
        try {
            return factory.endpoint(connectionSettings.ewsUrl()).hostPort();
        } catch (EwsSetupException e) {
            return String.valueOf(connectionSettings.ewsUrl());
        }
    }

    /** The stream broke or a subscription was lost; the group starts over with fresh subscriptions and a re-read. */
    private static final class StreamLostException extends Exception {
        StreamLostException(String code) {
            super("streaming connection lost" + (code == null ? "" : " (" + code + ")"), null, false, false);
        }
    }
}
