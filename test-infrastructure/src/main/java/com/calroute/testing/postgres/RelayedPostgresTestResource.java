package com.calroute.testing.postgres;

import com.calroute.testing.net.TcpRelay;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.net.URI;
import java.util.Map;

/**
 * Like {@link PostgresTestResource}, but the application reaches its fresh database through a {@link TcpRelay}, so
 * a test can take PostgreSQL away and give it back: a field {@code @InjectDatabaseRelay TcpRelay relay} receives it.
 * The database name comes from the init argument {@code database}.
 */
public class RelayedPostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "calroute_relayed_test";
    private TcpRelay relay;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        URI server = URI.create(TestPostgres.freshDatabase(database).substring("jdbc:".length()));
        relay = TcpRelay.to(server.getHost(), server.getPort());
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + relay.port() + server.getPath(),
                "quarkus.datasource.username", TestPostgres.user(),
                "quarkus.datasource.password", "");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(relay,
                new TestInjector.AnnotatedAndMatchesType(InjectDatabaseRelay.class, TcpRelay.class));
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.close();
        }
    }
}
