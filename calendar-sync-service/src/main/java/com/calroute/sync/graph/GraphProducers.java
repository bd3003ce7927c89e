package com.calroute.sync.graph;

import com.calroute.sync.config.SyncConfig;
import com.calroute.sync.ews.EndpointResolver;
import com.calroute.sync.health.SyncHealthStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one {@link GraphConnector} of the service, with change notifications when a notification URL is set. */
@ApplicationScoped
public class GraphProducers {

    @Produces
    @Singleton
    GraphConnector graphConnector(SyncConfig config, EndpointResolver guard, Clock clock, JdbcDeltaStore deltas,
                                  JdbcSubscriptionDirectory subscriptions, SyncHealthStore health) {
        GraphConnector graph = new GraphConnector(guard, config.exchange().connectTimeout(),
                config.exchange().readTimeout(), clock, config.sync().pageSize(), deltas);
        // A notification for a mailbox another replica owns becomes a resync request its owner picks up.
        config.graph().notificationUrl().ifPresent(url -> graph.enableNotifications(url, clock,
                config.graph().subscriptionLifetime(), subscriptions, health::requestResync));
        return graph;
    }
}
