package com.calroute.testing.postgres;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} application a fresh database on real PostgreSQL. The database name comes from the
 * init argument {@code database} (e.g. {@code calroute_config_test}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "calroute_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        String url = TestPostgres.freshDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", TestPostgres.user(),
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // Left in place for post-mortem inspection; the next run drops and re-creates it.
    }
}
