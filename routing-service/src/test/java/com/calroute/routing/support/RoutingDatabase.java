package com.calroute.routing.support;

import com.calroute.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Routing's decision-log database for every {@code @QuarkusTest} of the module (Quarkus applies an unrestricted
 * resource to all of them): a fresh {@code calroute_routing_test_<pid>} on real PostgreSQL.
 */
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "calroute_routing_test"))
public final class RoutingDatabase {

    private RoutingDatabase() {
    }
}
