package com.calroute.sync.testsupport;

import com.calroute.testing.kafka.RelayedKafkaTestResource;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link SyncTestResources}, but the service reaches a broker of the test's own through a relay a test can cut (a
 * field {@code @InjectRelayedKafka RelayedKafka}), to take the broker away and give it back.
 */
public class SyncBehindBrokerRelay extends SyncTestResources {

    private final RelayedKafkaTestResource broker = new RelayedKafkaTestResource();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.putAll(broker.start());
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        broker.inject(testInjector);
    }

    @Override
    public void stop() {
        broker.stop();
        super.stop();
    }
}
