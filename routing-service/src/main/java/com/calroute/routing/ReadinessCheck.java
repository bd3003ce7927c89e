package com.calroute.routing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the lookup table has caught up with the end offsets the topics had at start, so a restarted
 * replica never answers "ring" from an empty table.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final RoutingLifecycle lifecycle;

    ReadinessCheck(RoutingLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        RoutingNode node = lifecycle.node();
        return HealthCheckResponse.named("routing-table-caught-up")
                .status(node.isReady())
                .withData("users", node.table().size())
                .withData("calendars", node.table().calendarCount())
                .withData("catchUpMillis", node.catchUpMillis())
                .withData("ownedPartitions", node.ownedPartitions().size())
                // Informational only: lookups are answered from memory while the broker is away.
                .withData("kafka", node.brokerReachable() ? "up" : "down")
                .build();
    }
}
