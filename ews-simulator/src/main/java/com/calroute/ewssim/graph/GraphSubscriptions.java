package com.calroute.ewssim.graph;

import com.calroute.ewssim.control.ControlJson;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.MailboxEvent;
import com.calroute.ewssim.mailbox.MailboxListener;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;

/**
 * Change-notification subscriptions on {@code /users/{id}/events}: the validation handshake on create (the
 * receiver must echo {@code validationToken} as text/plain within 10 seconds, for the notification URL and the
 * lifecycle URL), change notifications for every created, updated or deleted event of the mailbox while the
 * subscription lives, and lifecycle notifications ({@code reauthorizationRequired}, {@code subscriptionRemoved},
 * {@code missed}) on request of the control API.
 */
public final class GraphSubscriptions implements MailboxListener {
    private static final Logger LOG = Logger.getLogger(GraphSubscriptions.class);
    /** Outlook events: at most 10080 minutes (7 days). */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10080);
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "graph-sim-notifier");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile BiPredicate<String, String> lost = (appId, mailbox) -> false;

    /** One subscription; {@code expiration} moves on renewal. */
    public static final class Subscription {
        final String id;
        final String resource;
        final String mailbox;
        final String appId;
        final String tenantId;
        final Set<String> changeTypes;
        final String notificationUrl;
        final String lifecycleNotificationUrl;
        final String clientState;
        volatile Instant expiration;

        Subscription(String id, String resource, String mailbox, String appId, String tenantId, Set<String> changeTypes,
                String notificationUrl, String lifecycleNotificationUrl, String clientState, Instant expiration) {
            this.id = id;
            this.resource = resource;
            this.mailbox = mailbox;
            this.appId = appId;
            this.tenantId = tenantId;
            this.changeTypes = changeTypes;
            this.notificationUrl = notificationUrl;
            this.lifecycleNotificationUrl = lifecycleNotificationUrl;
            this.clientState = clientState;
            this.expiration = expiration;
        }

        public String id() { return id; }
        public String mailbox() { return mailbox; }
        public String appId() { return appId; }
        public Instant expiration() { return expiration; }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity");
            json.put("id", id);
            json.put("resource", resource);
            json.put("applicationId", appId);
            json.put("changeType", String.join(",", changeTypes));
            json.put("clientState", clientState);
            json.put("notificationUrl", notificationUrl);
            json.put("notificationQueryOptions", null);
            json.put("lifecycleNotificationUrl", lifecycleNotificationUrl);
            json.put("expirationDateTime", expiration.toString());
            json.put("creatorId", UUID.nameUUIDFromBytes(appId.getBytes(StandardCharsets.UTF_8)).toString());
            json.put("includeResourceData", null);
            json.put("latestSupportedTlsVersion", "v1_2");
            json.put("encryptionCertificate", null);
            json.put("encryptionCertificateId", null);
            json.put("notificationUrlAppId", null);
            return json;
        }
    }

    public GraphSubscriptions(Clock clock) {
        this.clock = clock;
    }

    /** Change notifications for which {@code lost(appId, mailbox)} holds are never sent (an injected fault). */
    public void loseNotificationsWhen(BiPredicate<String, String> lost) {
        this.lost = lost;
    }

    /** Whether the receiver at {@code url} echoes a fresh validation token within 10 seconds. */
    boolean validate(String url) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + (url.contains("?") ? "&" : "?")
                            + "validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .timeout(VALIDATION_TIMEOUT)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && token.equals(response.body());
        } catch (java.io.IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Subscription add(String resource, String mailbox, String appId, String tenantId, Set<String> changeTypes,
            String notificationUrl, String lifecycleNotificationUrl, String clientState, Instant expiration) {
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), resource, mailbox, appId, tenantId,
                changeTypes, notificationUrl, lifecycleNotificationUrl, clientState, expiration);
        subscriptions.put(subscription.id, subscription);
        return subscription;
    }

    /** A live (unexpired) subscription, or null. */
    Subscription find(String id) {
        Subscription subscription = id == null ? null : subscriptions.get(id);
        if (subscription != null && !subscription.expiration.isAfter(clock.instant())) {
            subscriptions.remove(id);
            return null;
        }
        return subscription;
    }

    boolean remove(String id) {
        return subscriptions.remove(id) != null;
    }

    public List<Subscription> all() {
        return new ArrayList<>(subscriptions.values());
    }

    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("subscriptions", subscriptions.size());
        stats.put("notificationsDelivered", delivered.get());
        stats.put("notificationsLost", dropped.get());
        stats.put("notificationsFailed", failed.get());
        return stats;
    }

    void clear() {
        subscriptions.clear();
        delivered.set(0);
        dropped.set(0);
        failed.set(0);
    }

    void close() {
        senders.shutdownNow();
    }

    @Override
    public void onEvent(Mailbox mailbox, MailboxEvent event) {
        if (event.folder()) {
            return;
        }
        String changeType = switch (event.type()) {
            case CREATED -> "created";
            case MODIFIED -> "updated";
            case DELETED -> "deleted";
        };
        Instant now = clock.instant();
        for (Subscription subscription : subscriptions.values()) {
            if (!subscription.mailbox.equals(mailbox.smtpAddress()) || !subscription.changeTypes.contains(changeType)
                    || !subscription.expiration.isAfter(now)) {
                continue;
            }
            if (lost.test(subscription.appId, subscription.mailbox)) {
                dropped.incrementAndGet();
                continue;
            }
            String id = GraphEvents.restId(event.itemId());
            String resource = "Users/" + userObjectId(mailbox.smtpAddress()) + "/Events/" + id;
            Map<String, Object> resourceData = new LinkedHashMap<>();
            resourceData.put("@odata.type", "#Microsoft.Graph.Event");
            resourceData.put("@odata.id", resource);
            resourceData.put("@odata.etag", "W/\"" + event.changeKey() + "\"");
            resourceData.put("id", id);
            Map<String, Object> notification = new LinkedHashMap<>();
            notification.put("subscriptionId", subscription.id);
            notification.put("subscriptionExpirationDateTime", subscription.expiration.toString());
            notification.put("changeType", changeType);
            notification.put("resource", resource);
            notification.put("resourceData", resourceData);
            if (subscription.clientState != null) {
                if (subscription.clientState != null) {
            notification.put("clientState", subscription.clientState);
        }
            }
            notification.put("tenantId", subscription.tenantId);
            post(subscription.notificationUrl, notification);
        }
    }

    /** Sends a lifecycle notification; {@code subscriptionRemoved} also ends the subscription. */
    boolean lifecycle(String id, String lifecycleEvent) {
        Subscription subscription = find(id);
        if (subscription == null) {
            return false;
        }
        if (!Set.of("reauthorizationRequired", "subscriptionRemoved", "missed").contains(lifecycleEvent)) {
            throw new IllegalArgumentException("unknown lifecycle event " + lifecycleEvent);
        }
        if ("subscriptionRemoved".equals(lifecycleEvent)) {
            subscriptions.remove(id);
        }
        if (subscription.lifecycleNotificationUrl == null) {
            return true;
        }
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("subscriptionId", subscription.id);
        notification.put("subscriptionExpirationDateTime", subscription.expiration.toString());
        notification.put("tenantId", subscription.tenantId);
        if (subscription.clientState != null) {
            notification.put("clientState", subscription.clientState);
        }
        notification.put("lifecycleEvent", lifecycleEvent);
        post(subscription.lifecycleNotificationUrl, notification);
        return true;
    }

    /** The stable object id the simulated directory gives a mailbox's user. */
    static String userObjectId(String smtp) {
        return UUID.nameUUIDFromBytes(("user:" + smtp).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void post(String url, Map<String, Object> notification) {
        byte[] body;
        try {
            body = ControlJson.MAPPER.writeValueAsBytes(Map.of("value", List.of(notification)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        senders.execute(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    delivered.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            } catch (java.io.IOException | IllegalArgumentException e) {
                failed.incrementAndGet();
                LOG.debugf("notification delivery failed: %s", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
