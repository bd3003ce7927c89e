package com.calroute.routing;

import com.calroute.routing.ingest.TopicNames;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * Runs this application's one {@link RoutingNode} from start-up to shutdown. A {@code @Singleton}: every lookup asks it
 * for the node, and an application-scoped bean's client proxy cost a lookup more than its hash-map lookups.
 */
@Singleton
public class RoutingLifecycle {

    private final RoutingNode node;

    RoutingLifecycle(RoutingConfig config, Clock clock,
                     @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        // Every kafka.* setting (KAFKA_* in the environment), so a managed broker's security settings reach all clients.
        this.node = new RoutingNode(new RoutingNode.Settings(Map.copyOf(kafka), TopicNames.standard(),
                config.routing().groupId(), "routing-" + UUID.randomUUID().toString().substring(0, 8),
                config.kafka().partitions(), config.kafka().createTopics(), config.routing().sessionTimeout(),
                ZoneId.of(config.routing().defaultTimeZone()), config.routing().writeTimeout(), clock));
    }

    void onStart(@Observes StartupEvent event) {
        node.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        node.close();
    }

    /** The running node. */
    public RoutingNode node() {
        return node;
    }

    /** The clock everything reads "now" from. */
    @Produces
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }
}
