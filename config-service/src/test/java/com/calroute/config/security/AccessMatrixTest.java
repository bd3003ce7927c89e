package com.calroute.config.security;

import com.calroute.config.CalrouteConfig;
import com.calroute.testing.security.AccessMatrix;
import org.junit.jupiter.api.Test;

/** The README's access matrix of config-service is the one the code's role annotations give. */
class AccessMatrixTest {

    @Test
    void readmeShowsWhoMayCallEachEndpoint() {
        AccessMatrix.assertReadmeMatches("config-service", CalrouteConfig.class);
    }
}
