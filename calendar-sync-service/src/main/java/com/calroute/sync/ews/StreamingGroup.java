package com.calroute.sync.ews;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.StreamPacing;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.notification.NotificationEvent;
import microsoft.exchange.webservices.data.notification.StreamingSubscriptionConnection;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
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
 * join and leave while it runs: changes are gathered for {@link #SETTLE} (a bulk opt-in makes one re-subscription,
 * not one per newcomer), only the newcomers are subscribed, then the connection is re-opened with the new set. It
 * runs on its own thread with its own (not thread-safe) services — one for Subscribe calls, a fresh one per hanging
 * connection — and ews-java-api's callbacks only post signals to that thread.
 * <ul>
 *   <li>A clean {@code Closed} at the end of the connection's lifetime opens the next connection with the same
 *   subscriptions: Exchange kept their events queued, nothing is lost.</li>
 *   <li>A broken connection, or {@code ErrorExceededConnectionCount} (Exchange still counts a connection we closed,
 *   or a dead process's, until its next heartbeat), keeps the subscriptions and opens again after a growing wait
 *   ({@link StreamPacing}); once the new connection is accepted every member is read again, since the old one may
 *   have taken events along. A subscription error (missed events, expired subscription) starts over: fresh
 *   subscriptions and a full re-read; breaking again soon after counts as a failure and backs off.</li>
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
    /** How long membership changes are gathered before the group re-subscribes and opens a new connection. */
    static final Duration SETTLE = Duration.ofSeconds(1);
    /** A new connection that met no refusal for this long is taken as accepted. */
    private static final Duration ACCEPTED_AFTER = Duration.ofSeconds(1);
    private static final String CONNECTION_COUNT_EXCEEDED = "ErrorExceededConnectionCount";

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
    private boolean lastOpenAccepted;

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
                GroupSubscriptions subscriptions = new GroupSubscriptions(tenantId, anchor,
                        connectionSettings.username(), endpoint(), calls, backoff, listener);
                try {
                    subscriptions.sync(control, wanted, () -> closed);
                    streamingSince = Instant.now();
                    stream(control, subscriptions);
                } finally {
                    // Closing or starting over: these subscriptions are not used again, so end them at Exchange.
                    subscriptions.endAll(control);
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

    private void stream(HardenedExchangeService control, GroupSubscriptions subscriptions) throws Exception {
        StreamPacing pacing = new StreamPacing(backoff);
        boolean reforming = false;
        while (!closed) {
            if (subscriptions.isEmpty()) {
                Signal signal = signals.take();
                if (signal instanceof Close || !pause(SETTLE)) {
                    return;
                }
                subscriptions.sync(control, wanted, () -> closed);
                continue;
            }
            Map<String, String> memberBySubscription = subscriptions.memberById();
            Signal signal;
            try (HardenedExchangeService stream = factory.createForStreaming(connectionSettings, hangingReadTimeout)) {
                streamService = stream;
                signal = openAndWait(stream, subscriptions, memberBySubscription, reforming);
            } finally {
                streamService = null;
            }
            if (lastOpenAccepted) {
                reforming = false;
                pacing.accepted();
            }
            if (signal instanceof Close) {
                return;
            }
            String code = signal instanceof SubscriptionLost lost ? EwsFailures.errorCode(lost.cause())
                    : signal instanceof Disconnected disconnected ? EwsFailures.errorCode(disconnected.cause()) : null;
            if (signal instanceof Disconnected disconnected && disconnected.cause() == null) {
                // Exchange closed the connection at the end of its lifetime: it kept the events, nothing is lost.
                reforming = false;
                pacing.accepted();
                continue;
            }
            // Until Exchange finds a connection we abandoned (or that broke) gone, it may still hand that connection
            // events, which are lost with it: once a new connection is in place, the members are read again.
            reforming = true;
            if (signal instanceof MembersChanged) {
                if (!pause(SETTLE)) {
                    return;
                }
            } else if (CONNECTION_COUNT_EXCEEDED.equals(code)) {
                // Our previous connection (closed just now, or a dead process's) still counts at Exchange until
                // its next heartbeat finds it gone. The subscriptions are fine and keep their events: open again
                // with the same ones after a while, instead of starting over into the same refusal.
                if (!waitBeforeReopening(pacing.afterRefusal(), "Exchange refused another streaming connection for"
                        + " now (" + CONNECTION_COUNT_EXCEEDED + ")")) {
                    return;
                }
            } else if (signal instanceof SubscriptionLost) {
                // A subscription is gone or missed events: fresh subscriptions and a full re-read.
                throw new StreamLostException(code);
            } else if (!waitBeforeReopening(pacing.afterDrop(Instant.now()), "Exchange dropped the streaming connection")) {
                // The stream broke (network, a server restart): the subscriptions stand, so open again with them
                // after a back-off that grows while it keeps breaking, instead of re-subscribing everyone.
                return;
            }
            subscriptions.sync(control, wanted, () -> closed);
        }
    }

    /**
     * Opens the hanging connection for the group's subscriptions and returns the signal that ends it. When it
     * replaces a connection we abandoned ({@code reforming}) and Exchange accepts it, the members are reported
     * subscribed as of its opening: until then the abandoned one may have taken events along, so a read that started
     * after the abandonment but before such a change must be repeated too (#14: one change lost after a restart).
     */
    private Signal openAndWait(HardenedExchangeService stream, GroupSubscriptions subscriptions,
                               Map<String, String> memberBySubscription, boolean reforming) throws Exception {
        EwsClientFactory.impersonate(stream, anchor, anchor);
        stream.getHttpHeaders().put(EwsClientFactory.AFFINITY_HEADER, "true");
        StreamingSubscriptionConnection connection = new StreamingSubscriptionConnection(stream,
                List.copyOf(subscriptions.all()), lifetimeMinutes);
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
        try {
            calls.call("GetStreamingEvents", () -> {
                connection.open();
                return null;
            });
        } catch (Exception e) {
            lastOpenAccepted = false;
            if (!CONNECTION_COUNT_EXCEEDED.equals(EwsFailures.errorCode(e))) {
                throw e;
            }
            generations.incrementAndGet();
            return new Disconnected(e);
        }
        // Exchange registers the connection before it answers, so from now on the subscriptions' events reach it.
        Instant openedAt = Instant.now();
        Signal signal = reforming ? signals.poll(ACCEPTED_AFTER.toMillis(), TimeUnit.MILLISECONDS) : null;
        lastOpenAccepted = reforming && signal == null;
        if (lastOpenAccepted) {
            listener.subscribed(Set.copyOf(memberBySubscription.values()), openedAt);
        }
        if (signal == null) {
            signal = signals.take();
        }
        generations.incrementAndGet();
        return signal;
    }

    /**
     * Waits {@code wait} while watching for {@link Close}; other signals in that time are dropped: membership
     * changes are taken along by the next re-subscription anyway, and any other belongs to a connection already
     * given up. Gathering membership changes this way for {@link #SETTLE} makes a bulk opt-in one re-subscription
     * and one new connection, not one each. Returns false if the group closed meanwhile.
     */
    private boolean pause(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            if (signals.poll(left, TimeUnit.NANOSECONDS) instanceof Close) {
                closed = true;
            }
        }
        return false;
    }

    /** Waits before opening again as {@link StreamPacing} says; meanwhile the members are polled ({@code failed}). */
    private boolean waitBeforeReopening(Duration wait, String why) throws InterruptedException {
        LOG.debugf("tenant %s: streaming group of %d mailboxes: %s; open again in %d ms", tenantId, wanted.size(), why,
                wait.toMillis());
        listener.failed(wanted, Failure.of(FailureKind.UNAVAILABLE, why));
        return pause(wait);
    }

    private int waitAfterFailure(Failure failure, int attempt) {
        listener.failed(wanted, failure);
        Duration wait = failure.serverBackOff() != null ? backoff.afterServerBusy(failure.serverBackOff())
                : backoff.afterTransientFault(attempt);
        LOG.debugf("tenant %s: streaming group (%d mailboxes) failed (%s); retrying in %d ms", tenantId,
                wanted.size(), failure.kind(), wait.toMillis());
        try {
            pause(wait);
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
        return java.util.stream.StreamSupport.stream(events.spliterator(), false)
                .anyMatch(event -> event.getEventType() != EventType.Status);
    }

    private String endpoint() {
        try {
            return factory.endpoint(connectionSettings.ewsUrl()).hostPort();
        } catch (EwsSetupException e) {
            return String.valueOf(connectionSettings.ewsUrl());
        }
    }

    /** A subscription was lost; the group starts over with fresh subscriptions and a re-read. */
    private static final class StreamLostException extends Exception {
        StreamLostException(String code) {
            super("streaming connection lost" + (code == null ? "" : " (" + code + ")"), null, false, false);
        }
    }
}
