package com.calroute.config.support;

import com.calroute.testing.kafka.KafkaTestResource;
import com.calroute.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The one place the test resources are declared. Quarkus applies them to every {@code @QuarkusTest} of the module,
 * so all test classes share one application start: the project's real Kafka broker, a fresh PostgreSQL database and
 * a fake calendar-sync-service (with a token endpoint for the OIDC client).
 */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "calroute_config_test"))
@QuarkusTestResource(FakeSyncService.class)
public final class ConfigServiceTestResources {

    private ConfigServiceTestResources() {
    }
}
