package com.calroute.sync.schedule;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.sync.ews.EwsClientFactory;
import com.calroute.sync.ews.StreamingFeed;
import com.calroute.sync.feed.ChangeFeed;
import com.calroute.sync.feed.ChangeFeedFactory;
import com.calroute.sync.feed.ChangeListener;
import com.calroute.sync.graph.GraphConnector;
import com.calroute.sync.graph.GraphSubscriptionFeed;
import com.calroute.sync.plan.Backoff;

import java.time.Clock;
import java.util.Map;

/**
 * Makes tenants' change feeds — the one place that picks EWS streaming or Graph subscriptions by connection kind.
 * A tenant's feed follows its connection: when an admin moves the tenant from EWS to Graph (or back), the old
 * feed is closed and the other kind opened.
 */
public final class ChangeFeeds implements ChangeFeedFactory {

    private final EwsClientFactory ewsFactory;
    private final TenantGates gates;
    private final Backoff backoff;
    private final StreamingFeed.Settings streaming;
    private final GraphConnector graph;
    private final Clock clock;

    public ChangeFeeds(EwsClientFactory ewsFactory, TenantGates gates, Backoff backoff, StreamingFeed.Settings streaming,
                       GraphConnector graph, Clock clock) {
        this.ewsFactory = ewsFactory;
        this.gates = gates;
        this.backoff = backoff;
        this.streaming = streaming;
        this.graph = graph;
        this.clock = clock;
    }

    @Override
    public ChangeFeed forTenant(String tenantId, ChangeListener listener) {
        return new TenantFeed(tenantId, listener);
    }

    private final class TenantFeed implements ChangeFeed {
        private final String tenantId;
        private final ChangeListener listener;
        private ConnectionKind kind;
        private ChangeFeed current;
        private boolean closed;

        TenantFeed(String tenantId, ChangeListener listener) {
            this.tenantId = tenantId;
            this.listener = listener;
        }

        @Override
        public void follow(ExchangeConnection connection, Map<String, String> userByMailbox) {
            ChangeFeed feed;
            ChangeFeed replaced = null;
            synchronized (this) {
                if (closed) {
                    return;
                }
                ConnectionKind wanted = connection.kind() == null ? ConnectionKind.EWS : connection.kind();
                if (current == null || kind != wanted) {
                    replaced = current;
                    kind = wanted;
                    current = wanted == ConnectionKind.GRAPH
                            ? new GraphSubscriptionFeed(tenantId, graph.subscriptions(), clock, listener)
                            : new StreamingFeed(tenantId, ewsFactory, gates.of(tenantId), backoff, streaming, listener);
                }
                feed = current;
            }
            if (replaced != null) {
                replaced.close();
            }
            feed.follow(connection, userByMailbox);
        }

        @Override
        public void close() {
            ChangeFeed feed;
            synchronized (this) {
                closed = true;
                feed = current;
                current = null;
            }
            if (feed != null) {
                feed.close();
            }
        }
    }
}
