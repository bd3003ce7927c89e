package com.calroute.ewssim.streaming;

import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.MailboxEvent;
import com.calroute.ewssim.mailbox.MailboxListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All subscriptions and open streaming connections. Mailbox changes arrive here and are queued on every matching
 * subscription; a streaming connection carrying one is woken at once, which is what makes delivery push, not poll.
 */
public final class SubscriptionRegistry implements MailboxListener {
    /** Exchange drops a streaming subscription that has had no connection for this long. */
    static final Duration STREAMING_IDLE_EXPIRY = Duration.ofMinutes(30);

    private final Clock clock;
    private final com.calroute.ewssim.SimulatorSettings settings;
    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Subscription>> byMailbox = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscription>> byBudget = new ConcurrentHashMap<>();
    private final Set<StreamingConnection> connections = ConcurrentHashMap.newKeySet();

    public SubscriptionRegistry(Clock clock, com.calroute.ewssim.SimulatorSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void onEvent(Mailbox mailbox, MailboxEvent event) {
        if (event.folder() && !settings.folderModifiedEvents()) {
            return;
        }
        List<Subscription> subscriptions = byMailbox.get(mailbox.smtpAddress());
        if (subscriptions == null) {
            return;
        }
        for (Subscription subscription : subscriptions) {
            if (subscription.offer(event)) {
                StreamingConnection connection = subscription.connection();
                if (connection != null) {
                    connection.wake();
                }
            }
        }
    }

    public void add(Subscription subscription) {
        byId.put(subscription.id(), subscription);
        byMailbox.computeIfAbsent(subscription.mailbox(), m -> new CopyOnWriteArrayList<>()).add(subscription);
        byBudget.computeIfAbsent(subscription.budgetKey(), k -> ConcurrentHashMap.newKeySet()).add(subscription);
    }

    /** The live subscription with this id, or null (unknown, removed or expired). */
    public Subscription find(String id) {
        Subscription subscription = id == null ? null : byId.get(id.trim());
        if (subscription != null && expired(subscription, clock.instant())) {
            remove(subscription.id());
            return null;
        }
        return subscription;
    }

    public boolean remove(String id) {
        Subscription removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        List<Subscription> list = byMailbox.get(removed.mailbox());
        if (list != null) {
            list.remove(removed);
        }
        Set<Subscription> budget = byBudget.get(removed.budgetKey());
        if (budget != null) {
            budget.remove(removed);
        }
        StreamingConnection connection = removed.connection();
        if (connection != null) {
            connection.wake();
        }
        return true;
    }

    public void removeMailbox(String mailbox) {
        List<Subscription> list = byMailbox.remove(Mailbox.canonical(mailbox));
        if (list != null) {
            list.forEach(s -> remove(s.id()));
        }
    }

    /** Live subscriptions charged to a budget key (impersonated mailbox or account). */
    public int countForBudget(String budgetKey) {
        Instant now = clock.instant();
        Set<Subscription> budget = byBudget.getOrDefault(budgetKey, Set.of());
        for (Subscription subscription : new ArrayList<>(budget)) {
            if (expired(subscription, now)) {
                remove(subscription.id());
            }
        }
        return budget.size();
    }

    public int openConnections(String budgetKey) {
        return (int) connections.stream().filter(c -> c.budgetKey().equals(budgetKey)).count();
    }

    public void register(StreamingConnection connection) {
        connections.add(connection);
        connection.subscriptions().forEach(s -> {
            StreamingConnection previous = s.connection();
            s.attach(connection);
            if (previous != null) {
                previous.wake();
            }
        });
    }

    public void unregister(StreamingConnection connection) {
        connections.remove(connection);
        Instant now = clock.instant();
        connection.subscriptions().forEach(s -> {
            s.detach(connection);
            s.touch(now);
        });
    }

    /** Cuts matching open streaming connections (account key and/or mailbox; null matches any); returns how many. */
    public int drop(String accountKey, String mailbox, int max) {
        int dropped = 0;
        for (StreamingConnection connection : connections) {
            if (dropped >= max) {
                break;
            }
            boolean accountOk = accountKey == null || connection.accountKey().equals(accountKey);
            boolean mailboxOk = mailbox == null || connection.carriesMailbox(Mailbox.canonical(mailbox));
            if (accountOk && mailboxOk && !connection.dropped()) {
                connection.drop();
                dropped++;
            }
        }
        return dropped;
    }

    public int connectionCount() {
        return connections.size();
    }

    public int subscriptionCount() {
        return byId.size();
    }

    public void clear() {
        connections.forEach(StreamingConnection::close);
        byId.clear();
        byMailbox.clear();
        byBudget.clear();
    }

    public void closeAll() {
        connections.forEach(StreamingConnection::close);
    }

    private static boolean expired(Subscription subscription, Instant now) {
        if (subscription.kind() == Subscription.Kind.PULL) {
            return subscription.lastActivity().plus(Duration.ofMinutes(subscription.timeoutMinutes())).isBefore(now);
        }
        return subscription.connection() == null
                && subscription.lastActivity().plus(STREAMING_IDLE_EXPIRY).isBefore(now);
    }
}
