package com.calroute.sync.testsupport;

import com.calroute.testing.postgres.RelayedPostgresTestResource;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link SyncTestResources}, but the service reaches its own fresh database through a relay a test can cut (a field
 * {@code @InjectDatabaseRelay TcpRelay}), to take PostgreSQL away and give it back.
 */
public class SyncBehindDatabaseRelay extends SyncTestResources {

    private final RelayedPostgresTestResource database = new RelayedPostgresTestResource();

    @Override
    public void init(Map<String, String> initArgs) {
        database.init(Map.of("database", "calroute_sync_outage_test"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.putAll(database.start());
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        database.inject(testInjector);
    }

    @Override
    public void stop() {
        database.stop();
        super.stop();
    }
}
