package com.calroute.testing.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at a {@link RelayedKafka} of its own instead of the shared test broker,
 * so a test can take the broker away and give it back: a field {@code @InjectRelayedKafka RelayedKafka kafka}
 * receives it.
 */
public class RelayedKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private RelayedKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = RelayedKafka.start();
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(kafka,
                new TestInjector.AnnotatedAndMatchesType(InjectRelayedKafka.class, RelayedKafka.class));
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
