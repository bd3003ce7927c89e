package com.calroute.sync.testsupport;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.testing.kafka.TestKafka;
import com.calroute.testing.net.FreePorts;
import com.calroute.testing.postgres.TestPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything a {@code @QuarkusTest} of the sync service talks to, real where it can be: the test JVM's Kafka
 * broker, a fresh {@code calroute_sync_test} database, the ews-simulator (with exact host:port allowances for its
 * loopback endpoints, never an off switch), and the local OIDC issuer + config-service stand-in. The service
 * listens on a fixed free port that it also gives Graph as its notification URL, so the simulator's Graph posts
 * change notifications to it. The safety poll is 10 minutes, so only streaming (EWS) or push (Graph) can deliver
 * changes within a test.
 */
public class SyncTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EwsSimulator sim = SharedSimulator.get();
        FakeIdentityAndConfig identity = FakeIdentityAndConfig.instance();
        String http = Simulators.hostPort(sim.httpEwsUrl());
        String https = Simulators.hostPort(sim.httpsEwsUrl());
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", TestPostgres.freshDatabase("calroute_sync_test"));
        config.put("quarkus.datasource.username", TestPostgres.user());
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.oidc.auth-server-url", identity.issuer());
        config.put("quarkus.oidc-client.auth-server-url", identity.issuer());
        config.put("quarkus.oidc-client.client-id", FakeIdentityAndConfig.CLIENT_ID);
        config.put("quarkus.oidc-client.credentials.secret", FakeIdentityAndConfig.CLIENT_SECRET);
        config.put("calroute.config-service.url", identity.baseUrl());
        String blackhole = Blackhole.get().hostPort();
        config.put("calroute.exchange.allowed-private-endpoints", http + "," + https + "," + blackhole);
        config.put("calroute.exchange.plain-http-endpoints", http + "," + blackhole);
        int port = FreePorts.any();
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("calroute.graph.notification-url", "http://127.0.0.1:" + port + "/graph/v1/notifications");
        config.put("calroute.sync.safety-poll-interval", "PT10M");
        config.put("calroute.kafka.session-timeout", "PT6S");
        config.put("calroute.kafka.partitions", "6");
        config.put("calroute.sync.backoff-base", "PT0.2S");
        config.put("calroute.sync.backoff-cap", "PT5S");
        config.put("calroute.exchange.read-timeout", "PT5S");
        config.put("calroute.exchange.connect-timeout", "PT2S");
        return config;
    }

    @Override
    public void stop() {
        // The broker, the simulator and the fake identity provider live for the JVM; other test classes reuse them.
    }
}
