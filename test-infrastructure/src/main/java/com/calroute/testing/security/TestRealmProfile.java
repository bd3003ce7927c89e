package com.calroute.testing.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Points a service that tests with a fixed public key ({@code %test.quarkus.oidc.public-key}) at {@link TestRealm}
 * instead, so its signing keys come from a JWKS that a test can change. The token issuer stays the test profile's.
 */
public class TestRealmProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // An empty value unsets the fixed key: quarkus-oidc then discovers the realm and reads its JWKS.
        return Map.of("quarkus.oidc.auth-server-url", TestRealm.instance().issuer(),
                "quarkus.oidc.public-key", "");
    }
}
