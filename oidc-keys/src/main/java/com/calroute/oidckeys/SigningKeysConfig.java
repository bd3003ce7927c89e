package com.calroute.oidckeys;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How often a service re-reads the realm's signing keys (set in this module's microprofile-config.properties). */
@ConfigMapping(prefix = "calroute.oidc")
public interface SigningKeysConfig {

    /** Period of the scheduled JWKS refresh; with the forced-refresh interval, how long a removed key stays trusted. */
    Duration jwksRefreshInterval();
}
