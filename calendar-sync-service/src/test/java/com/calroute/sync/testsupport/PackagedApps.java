package com.calroute.sync.testsupport;

import com.calroute.contracts.Topics;
import com.calroute.contracts.kafka.TopicSetup;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.testing.kafka.TestKafka;
import com.calroute.testing.postgres.TestPostgres;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the multi-instance ITs share: the topics on the test broker and the settings of a packaged sync app. */
public final class PackagedApps {

    private PackagedApps() {
    }

    /**
     * Creates the users, tenants and calendar topics with {@code partitions} unless they exist: the scale-out ITs
     * share one broker and the same partition count.
     */
    public static void ensureTopics(int partitions) {
        TopicSetup.ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                List.of(Topics.USERS, Topics.TENANTS, Topics.CALENDAR), partitions);
    }

    /**
     * Settings for a packaged calendar-sync-service against the test broker, a fresh database, the fake identity
     * provider and config-service, and the simulator's plain-http endpoint (allowed as exact host:port entries). The
     * group's session time-out is the product's (30 s): these instances stop gracefully and leave the group at once,
     * and a short one only lets a starved machine expire a session and move partitions while both instances run.
     */
    public static Map<String, String> settings(String database, FakeIdentityAndConfig identity, EwsSimulator sim,
                                               int partitions) {
        String http = Simulators.hostPort(sim.httpEwsUrl());
        Map<String, String> settings = new HashMap<>();
        // A port the operating system picks (AppProcess reads it from the log): never 8082, where a developer's
        // suite or another build's test may listen.
        settings.put("quarkus.http.port", "0");
        settings.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        settings.put("quarkus.datasource.jdbc.url", TestPostgres.freshDatabase(database));
        settings.put("quarkus.datasource.username", TestPostgres.user());
        settings.put("quarkus.datasource.password", "");
        settings.put("quarkus.oidc.auth-server-url", identity.issuer());
        settings.put("quarkus.oidc-client.auth-server-url", identity.issuer());
        settings.put("quarkus.oidc-client.client-id", FakeIdentityAndConfig.CLIENT_ID);
        settings.put("quarkus.oidc-client.credentials.secret", FakeIdentityAndConfig.CLIENT_SECRET);
        settings.put("calroute.config-service.url", identity.baseUrl());
        settings.put("calroute.exchange.allowed-private-endpoints", http);
        settings.put("calroute.exchange.plain-http-endpoints", http);
        settings.put("calroute.kafka.partitions", Integer.toString(partitions));
        settings.put("calroute.sync.safety-poll-interval", "PT10M");
        settings.put("quarkus.log.category.\"com.calroute\".level", "DEBUG");
        return settings;
    }
}
