package com.calroute.sync.graph;

import com.calroute.contracts.connection.ExchangeConnection;
import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one Graph change-notification subscription on {@code /users/{id}/events} per read mailbox: creates them
 * (Graph validates our notification and lifecycle URLs first), renews them when a third of their life is left,
 * deletes those no longer wanted, and turns notifications into reads — only when the notification's
 * {@code clientState} is the random secret we gave that subscription. Lifecycle notifications are handled as
 * Graph asks: {@code reauthorizationRequired} → renew, {@code subscriptionRemoved} → subscribe again and read,
 * {@code missed} → read. Where notifications cannot reach the service the safety poll still reads every mailbox.
 */
public final class GraphSubscriptionManager {
    private static final Logger LOG = Logger.getLogger(GraphSubscriptionManager.class);
    /** Outlook events: a subscription lives at most 10080 minutes. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(10080);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GraphClient client;
    private final Clock clock;
    private final String notificationUrl;
    private final String lifecycleUrl;
    private final Duration lifetime;
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, Entry> byMailbox = new ConcurrentHashMap<>();
    private final SubscriptionDirectory directory;
    private final RemoteChange remote;

    /** Hands a verified notification for another replica's subscription to the mailbox's owner. */
    @FunctionalInterface
    public interface RemoteChange {
        void changed(String tenantId, String userId);
    }

    /** Told which mailbox changed, so its tenant worker reads it. */
    @FunctionalInterface
    public interface Listener {
        void changed(String mailbox, Instant notifiedAt);
    }

    private static final class Entry {
        final String tenantId;
        final String mailbox;
        final String clientState;
        volatile String userId;
        volatile String id;
        volatile Instant expires;
        volatile ExchangeConnection connection;
        volatile Listener listener;

        Entry(String tenantId, String mailbox, String clientState) {
            this.tenantId = tenantId;
            this.mailbox = mailbox;
            this.clientState = clientState;
        }
    }

    public GraphSubscriptionManager(GraphClient client, Clock clock, String notificationUrl, Duration lifetime,
                                    SubscriptionDirectory directory, RemoteChange remote) {
        this.directory = directory;
        this.remote = remote;
        this.client = client;
        this.clock = clock;
        this.notificationUrl = notificationUrl;
        this.lifecycleUrl = notificationUrl.replaceAll("/notifications/?$", "/lifecycle");
        this.lifetime = lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME.minusMinutes(10) : lifetime;
    }

    /**
     * Makes the tenant's subscriptions match {@code mailboxes}: subscribes new ones, renews those due, drops the
     * rest. Returns the mailboxes that could not be subscribed (the safety poll covers them).
     */
    public Ensured ensure(ExchangeConnection connection, Map<String, String> userByMailbox, Listener listener)
            throws InterruptedException {
        List<String> subscribed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Map<String, String> users = new java.util.HashMap<>();
        userByMailbox.forEach((m, user) -> users.put(m.toLowerCase(Locale.ROOT), user));
        Set<String> wanted = users.keySet();
        for (Entry entry : new ArrayList<>(byMailbox.values())) {
            if (entry.tenantId.equals(connection.tenantId()) && !wanted.contains(entry.mailbox)) {
                drop(entry);
            }
        }
        for (String mailbox : wanted) {
            String key = connection.tenantId() + "/" + mailbox;
            Entry entry = byMailbox.get(key);
            if (entry != null && entry.connection.connectionVersion() != connection.connectionVersion()) {
                drop(entry);
                entry = null;
            }
            try {
                if (entry == null) {
                    subscribe(connection, mailbox, users.get(mailbox), listener);
                    subscribed.add(mailbox);
                } else {
                    entry.listener = listener;
                    renewIfDue(entry);
                }
            } catch (GraphException e) {
                LOG.warnf("tenant %s: no Graph subscription for a mailbox (HTTP %d %s); the safety poll reads it",
                        connection.tenantId(), e.status(), e.code());
                failed.add(mailbox);
            }
        }
        return new Ensured(subscribed, failed);
    }

    /** What {@link #ensure} did: mailboxes newly subscribed, and those Graph would not subscribe. */
    public record Ensured(List<String> subscribed, List<String> failed) {
    }

    /** Renews every subscription with a third of its life or less left (call it every few minutes). */
    public void renewDue() throws InterruptedException {
        for (Entry entry : new ArrayList<>(byMailbox.values())) {
            try {
                renewIfDue(entry);
            } catch (GraphException e) {
                LOG.warnf("tenant %s: renewing a Graph subscription failed (HTTP %d %s); subscribing again",
                        entry.tenantId, e.status(), e.code());
                resubscribe(entry);
            }
        }
    }

    /**
     * One change notification; true when it was ours: a subscription of this replica with the right clientState
     * (read here), or another replica's with a clientState matching the stored hash (handed to the owner).
     */
    public boolean notified(JsonNode notification) {
        if (byId.containsKey(notification.path("subscriptionId").asText(""))) {
            Entry entry = verified(notification);
            if (entry == null) {
                return false;
            }
            entry.listener.changed(entry.mailbox, clock.instant());
            return true;
        }
        return handOver(notification);
    }

    private boolean handOver(JsonNode notification) {
        SubscriptionDirectory.Row row = directory.find(notification.path("subscriptionId").asText(""));
        if (row == null) {
            return false;
        }
        String sent = SubscriptionDirectory.hash(notification.path("clientState").asText(""));
        if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.US_ASCII),
                row.clientStateHash().getBytes(StandardCharsets.US_ASCII))) {
            LOG.warnf("tenant %s: a Graph notification with a wrong clientState was ignored", row.tenantId());
            return false;
        }
        remote.changed(row.tenantId(), row.userId());
        return true;
    }

    /** One lifecycle notification; true when it was ours. */
    public boolean lifecycle(JsonNode notification) throws InterruptedException {
        if (!byId.containsKey(notification.path("subscriptionId").asText(""))) {
            // Another replica's subscription: read the mailbox there; its owner renews or replaces it on schedule.
            return handOver(notification);
        }
        Entry entry = verified(notification);
        if (entry == null) {
            return false;
        }
        switch (notification.path("lifecycleEvent").asText("")) {
            case "reauthorizationRequired" -> {
                try {
                    renew(entry);
                } catch (GraphException e) {
                    resubscribe(entry);
                }
            }
            case "subscriptionRemoved" -> {
                resubscribe(entry);
                entry.listener.changed(entry.mailbox, clock.instant());
            }
            case "missed" -> entry.listener.changed(entry.mailbox, clock.instant());
            default -> LOG.debugf("tenant %s: unknown lifecycle event ignored", entry.tenantId);
        }
        return true;
    }

    /** Live subscriptions (for health and tests). */
    public int size() {
        return byMailbox.size();
    }

    private Entry verified(JsonNode notification) {
        Entry entry = byId.get(notification.path("subscriptionId").asText(""));
        if (entry == null) {
            return null;
        }
        byte[] sent = notification.path("clientState").asText("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, entry.clientState.getBytes(StandardCharsets.UTF_8))) {
            LOG.warnf("tenant %s: a Graph notification with a wrong clientState was ignored", entry.tenantId);
            return null;
        }
        return entry;
    }

    private void subscribe(ExchangeConnection connection, String mailbox, String userId, Listener listener)
            throws GraphException, InterruptedException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Entry entry = new Entry(connection.tenantId(), mailbox, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        entry.connection = connection;
        entry.listener = listener;
        entry.userId = userId;
        create(entry);
        byMailbox.put(connection.tenantId() + "/" + mailbox, entry);
    }

    private void create(Entry entry) throws GraphException, InterruptedException {
        Instant expires = clock.instant().plus(lifetime);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeType", "created,updated,deleted");
        body.put("notificationUrl", notificationUrl);
        body.put("lifecycleNotificationUrl", lifecycleUrl);
        body.put("resource", "/users/" + URLEncoder.encode(entry.mailbox, StandardCharsets.UTF_8) + "/events");
        body.put("expirationDateTime", expires.toString());
        body.put("clientState", entry.clientState);
        JsonNode created = client.call(entry.connection, "POST", GraphClient.graphBase(entry.connection)
                + "/v1.0/subscriptions", body, null, Map.of());
        if (entry.id != null) {
            byId.remove(entry.id);
            directory.delete(entry.id);
        }
        entry.id = created.path("id").asText();
        entry.expires = expiry(created, expires);
        byId.put(entry.id, entry);
        if (entry.userId != null) {
            directory.save(entry.id, new SubscriptionDirectory.Row(entry.tenantId, entry.mailbox, entry.userId,
                    SubscriptionDirectory.hash(entry.clientState)), entry.expires);
        }
    }

    private void renewIfDue(Entry entry) throws GraphException, InterruptedException {
        if (Duration.between(clock.instant(), entry.expires).compareTo(lifetime.dividedBy(3)) <= 0) {
            renew(entry);
        }
    }

    private void renew(Entry entry) throws GraphException, InterruptedException {
        Instant expires = clock.instant().plus(lifetime);
        JsonNode renewed = client.call(entry.connection, "PATCH", GraphClient.graphBase(entry.connection)
                + "/v1.0/subscriptions/" + entry.id, Map.of("expirationDateTime", expires.toString()), null, Map.of());
        entry.expires = expiry(renewed, expires);
        if (entry.userId != null) {
            directory.save(entry.id, new SubscriptionDirectory.Row(entry.tenantId, entry.mailbox, entry.userId,
                    SubscriptionDirectory.hash(entry.clientState)), entry.expires);
        }
    }

    private void resubscribe(Entry entry) throws InterruptedException {
        try {
            create(entry);
        } catch (GraphException e) {
            LOG.warnf("tenant %s: subscribing again failed (HTTP %d %s); the safety poll reads the mailbox",
                    entry.tenantId, e.status(), e.code());
            byId.remove(entry.id);
            directory.delete(entry.id);
            byMailbox.remove(entry.tenantId + "/" + entry.mailbox);
        }
    }

    private void drop(Entry entry) throws InterruptedException {
        byMailbox.remove(entry.tenantId + "/" + entry.mailbox);
        if (entry.id != null) {
            byId.remove(entry.id);
            directory.delete(entry.id);
            try {
                client.call(entry.connection, "DELETE", GraphClient.graphBase(entry.connection) + "/v1.0/subscriptions/"
                        + entry.id, null, null, Map.of());
            } catch (GraphException e) {
                LOG.debugf("tenant %s: deleting a Graph subscription failed (HTTP %d); it expires by itself",
                        entry.tenantId, e.status());
            }
        }
    }

    private static Instant expiry(JsonNode subscription, Instant asked) {
        try {
            return Instant.parse(subscription.path("expirationDateTime").asText());
        } catch (java.time.DateTimeException e) {
            return asked;
        }
    }
}
