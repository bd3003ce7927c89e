package com.calroute.sync.graph;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.feed.ChangeFeed;
import com.calroute.sync.concurrent.DaemonThreads;
import com.calroute.sync.feed.ChangeListener;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Graph tenant's change feed: its mailboxes' Graph subscriptions, made on the tenant's own thread (a Graph that
 * hangs must not stall other tenants), one round at a time. A newly subscribed mailbox is reported so it is read
 * then, and no change between read and subscription slips by. Mailboxes Graph would not subscribe are reported
 * unfollowed (read now, asked again soon); without a notification URL every mailbox is, and the safety poll is all
 * there is.
 */
public final class GraphSubscriptionFeed implements ChangeFeed {

    private static final Logger LOG = Logger.getLogger(GraphSubscriptionFeed.class);

    private final String tenantId;
    private final GraphSubscriptionManager subscriptions;
    private final Clock clock;
    private final ChangeListener listener;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService thread;

    public GraphSubscriptionFeed(String tenantId, GraphSubscriptionManager subscriptions, Clock clock,
                                 ChangeListener listener) {
        this.tenantId = tenantId;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.listener = listener;
        this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named("graph-push-" + tenantId));
    }

    @Override
    public void follow(ExchangeConnection connection, Map<String, String> userByMailbox) {
        if (subscriptions == null) {
            listener.unfollowed(Set.copyOf(userByMailbox.keySet()), null);
            return;
        }
        if (!running.compareAndSet(false, true)) {
            listener.unfollowed(Set.of(), Duration.ZERO);
            return;
        }
        Map<String, String> wanted = Map.copyOf(userByMailbox);
        try {
            thread.execute(() -> subscribe(connection, wanted));
        } catch (RejectedExecutionException closing) {
            running.set(false);
        }
    }

    private void subscribe(ExchangeConnection connection, Map<String, String> wanted) {
        try {
            GraphSubscriptionManager.Ensured ensured = subscriptions.ensure(connection, wanted, listener::changed);
            // As of once every subscription is in place, not as of the start: a mailbox read meanwhile (one taken
            // over is read without waiting) may have missed a change its subscription did not exist for yet.
            listener.subscribed(Set.copyOf(ensured.subscribed()), clock.instant());
            if (!ensured.failed().isEmpty()) {
                // Some mailboxes could not subscribe (e.g. Graph cannot reach us): read them, try again soon.
                listener.unfollowed(Set.copyOf(ensured.failed()), Duration.ofMinutes(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("tenant %s: Graph subscriptions could not be reconciled: %s", tenantId, e.getMessage());
            listener.unfollowed(Set.copyOf(wanted.keySet()), Duration.ofSeconds(10));
        } finally {
            running.set(false);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
