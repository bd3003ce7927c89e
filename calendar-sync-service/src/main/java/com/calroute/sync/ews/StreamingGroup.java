package com.calroute.sync.ews;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.plan.Backoff;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.MailboxGroup;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.notification.NotificationEvent;
import microsoft.exchange.webservices.data.notification.StreamingSubscription;
import microsoft.exchange.webservices.data.notification.StreamingSubscriptionConnection;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One streaming connection for up to 200 mailboxes anchored on one of them. Each member is subscribed with
 * {@code ExchangeImpersonation} = the member and {@code X-AnchorMailbox} = the anchor; the hanging
 * GetStreamingEvents request impersonates the anchor. It runs on its own thread with its own (not thread-safe)
 * {@link HardenedExchangeService}; ews-java-api's callbacks only post signals to that thread — reopening inside
 * the library's disconnect callback is a known ews-java-api bug (issue #322).
 * <ul>
 *   <li>A clean {@code Closed} at the end of the connection's lifetime reopens the same subscriptions: Exchange
 *   kept their events queued, nothing is lost.</li>
 *   <li>A broken connection or a subscription error (missed events, bad watermark, expired subscription) drops the
 *   service — aborting its sockets — and starts over: fresh subscriptions, then a full re-read of the members,
 *   since events may be gone. Breaking again soon after counts as a failure and backs off.</li>
 *   <li>Failure to subscribe at all backs off and tries again; meanwhile the safety poll covers the members.</li>
 * </ul>
 */
public final class StreamingGroup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamingGroup.class);
    /** A stream that breaks sooner than this after subscribing counts as a failure (with back-off). */
    private static final Duration UNSTABLE = Duration.ofSeconds(30);

    /** What the group reports to the scheduler; called on the group's thread or the library's. */
    public interface Listener {
        /** Exchange notified a change in {@code mailbox}'s calendar. */
        void changed(String mailbox, Instant notifiedAt);

        /** {@code mailboxes} are subscribed as of {@code since}; any change before may have been missed. */
        void subscribed(Set<String> mailboxes, Instant since);

        /** The group cannot stream right now; it retries by itself. */
        void failed(Set<String> mailboxes, Failure failure);
    }

    private sealed interface Signal permits Disconnected, SubscriptionLost, Close {
    }

    private record Disconnected(Exception cause) implements Signal {
    }

    private record SubscriptionLost(String subscriptionId, Exception cause) implements Signal {
    }

    private record Close() implements Signal {
    }

    private final String tenantId;
    private final MailboxGroup group;
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
    private volatile boolean closed;
    private volatile HardenedExchangeService currentService;
    private Instant streamingSince = Instant.EPOCH;

    public StreamingGroup(String tenantId, MailboxGroup group, ExchangeConnection connectionSettings,
                          EwsClientFactory factory, EwsCalls calls, Listener listener, Backoff backoff,
                          int lifetimeMinutes, Duration hangingReadTimeout) {
        this.tenantId = tenantId;
        this.group = group;
        this.connectionSettings = connectionSettings;
        this.factory = factory;
        this.calls = calls;
        this.listener = listener;
        this.backoff = backoff;
        this.lifetimeMinutes = Math.max(1, Math.min(30, lifetimeMinutes));
        this.hangingReadTimeout = hangingReadTimeout;
        this.thread = new Thread(this::run, "ews-stream-" + tenantId + "-" + Integer.toHexString(group.anchor().hashCode()));
        this.thread.setDaemon(true);
    }

    /** The mailboxes and anchor this group streams. */
    public MailboxGroup group() {
        return group;
    }

    /** Starts subscribing and streaming on the group's own thread. */
    public void start() {
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        signals.offer(new Close());
        // Closing the service shuts its connection managers down, which closes the hanging request's socket;
        // StreamingSubscriptionConnection.close() would instead try to drain a response that never ends.
        HardenedExchangeService service = currentService;
        if (service != null) {
            service.close();
        }
        thread.interrupt();
    }

    /** Waits for the group's thread to end, for orderly shutdown. */
    public void awaitClosed(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
    }

    private void run() {
        int attempt = 0;
        while (!closed) {
            try (HardenedExchangeService service = factory.createForStreaming(connectionSettings, hangingReadTimeout)) {
                currentService = service;
                if (closed) {
                    return;
                }
                Map<String, StreamingSubscription> subscriptions = new LinkedHashMap<>();
                Map<String, String> memberBySubscription = new LinkedHashMap<>();
                Instant since = Instant.now();
                for (String member : group.members()) {
                    subscribe(service, member, subscriptions, memberBySubscription);
                }
                listener.subscribed(group.members(), since);
                streamingSince = Instant.now();
                stream(service, subscriptions, memberBySubscription);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StreamLostException e) {
                LOG.debugf("tenant %s: %s; re-subscribing %d mailboxes", tenantId, e.getMessage(),
                        group.members().size());
                if (Duration.between(streamingSince, Instant.now()).compareTo(UNSTABLE) < 0) {
                    // It broke again soon after starting: back off instead of hammering Exchange.
                    attempt = waitAfterFailure(Failure.of(com.calroute.sync.plan.FailureKind.UNAVAILABLE,
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
                Failure failure = EwsFailures.classify(e, endpoint(), connectionSettings.username(), group.anchor());
                attempt = waitAfterFailure(failure, ++attempt);
            }
        }
    }

    private int waitAfterFailure(Failure failure, int attempt) {
        listener.failed(group.members(), failure);
        Duration wait = failure.serverBackOff() != null ? backoff.afterServerBusy(failure.serverBackOff())
                : backoff.afterTransientFault(attempt);
        LOG.debugf("tenant %s: streaming group (%d mailboxes) failed (%s); retrying in %d ms", tenantId,
                group.members().size(), failure.kind(), wait.toMillis());
        try {
            Signal signal = signals.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (signal instanceof Close) {
                closed = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return attempt;
    }

    private void subscribe(HardenedExchangeService service, String member, Map<String, StreamingSubscription> bySubscriber,
                           Map<String, String> memberBySubscription) throws Exception {
        EwsClientFactory.impersonate(service, member, group.anchor());
        service.getHttpHeaders().put(EwsClientFactory.AFFINITY_HEADER, "true");
        StreamingSubscription subscription = calls.call("Subscribe", () -> service.subscribeToStreamingNotifications(
                List.of(new FolderId(WellKnownFolderName.Calendar)), EventType.Created, EventType.Modified,
                EventType.Deleted, EventType.Moved, EventType.Copied));
        StreamingSubscription previous = bySubscriber.put(member, subscription);
        if (previous != null) {
            memberBySubscription.remove(previous.getId());
        }
        memberBySubscription.put(subscription.getId(), member);
    }

    private void stream(HardenedExchangeService service, Map<String, StreamingSubscription> subscriptions,
                        Map<String, String> memberBySubscription) throws Exception {
        while (!closed) {
            EwsClientFactory.impersonate(service, group.anchor(), group.anchor());
            StreamingSubscriptionConnection connection = new StreamingSubscriptionConnection(service,
                    List.copyOf(subscriptions.values()), lifetimeMinutes);
            Map<String, String> members = Map.copyOf(memberBySubscription);
            int generation = generations.incrementAndGet();
            connection.addOnNotificationEvent((sender, args) -> {
                String member = args.getSubscription() == null ? null : members.get(args.getSubscription().getId());
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
            connection.open();
            Signal signal = signals.take();
            generations.incrementAndGet();
            if (signal instanceof Close) {
                return;
            }
            if (signal instanceof Disconnected disconnected && disconnected.cause() == null) {
                // The clean end of the connection's lifetime: the response is complete, the subscriptions live on
                // with their events queued at Exchange — just open the next connection.
                continue;
            }
            String code = signal instanceof SubscriptionLost lost ? EwsFailures.errorCode(lost.cause())
                    : EwsFailures.errorCode(((Disconnected) signal).cause());
            // A broken stream or a lost subscription: events may be gone. Never close() the library's connection
            // here — that drains a response that may never end; dropping the whole service aborts its sockets.
            throw new StreamLostException(code);
        }
    }

    /** The stream broke or a subscription was lost; the group starts over with fresh subscriptions and a re-read. */
    private static final class StreamLostException extends Exception {
        StreamLostException(String code) {
            super("streaming connection lost" + (code == null ? "" : " (" + code + ")"), null, false, false);
        }
    }

    private static boolean hasItemEvent(Iterable<NotificationEvent> events) {
        for (NotificationEvent event : events) {
            EventType type = event.getEventType();
            if (type != EventType.Status) {
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
}
