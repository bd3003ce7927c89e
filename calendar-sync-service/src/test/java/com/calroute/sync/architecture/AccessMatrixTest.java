package com.calroute.sync.architecture;

import com.calroute.sync.config.SyncConfig;
import com.calroute.testing.security.AccessMatrix;
import org.junit.jupiter.api.Test;

/** The README's access matrix of calendar-sync-service is the one the code's role annotations give. */
class AccessMatrixTest {

    @Test
    void readmeShowsWhoMayCallEachEndpoint() {
        AccessMatrix.assertReadmeMatches("calendar-sync-service", SyncConfig.class);
    }
}
