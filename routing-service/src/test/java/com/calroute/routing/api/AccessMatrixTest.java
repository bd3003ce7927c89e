package com.calroute.routing.api;

import com.calroute.routing.RoutingConfig;
import com.calroute.testing.security.AccessMatrix;
import org.junit.jupiter.api.Test;

/** The README's access matrix of routing-service is the one the code's role annotations give. */
class AccessMatrixTest {

    @Test
    void readmeShowsWhoMayCallEachEndpoint() {
        AccessMatrix.assertReadmeMatches("routing-service", RoutingConfig.class);
    }
}
