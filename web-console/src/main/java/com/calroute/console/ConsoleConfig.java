package com.calroute.console;

import io.smallrye.config.ConfigMapping;

/** Where the browser finds Keycloak and the three public APIs; handed to the page as {@code /config.json}. */
@ConfigMapping(prefix = "calroute")
public interface ConsoleConfig {

    /** The OIDC issuer the console logs in with (Keycloak realm URL, as the browser reaches it). */
    String oidcUrl();

    /** The public OIDC client of the console (authorization code with PKCE S256, no secret). */
    String consoleClientId();

    /** config-service's base URL as the browser reaches it. */
    String configApiUrl();

    /** calendar-sync-service's base URL as the browser reaches it. */
    String syncApiUrl();

    /** routing-service's base URL as the browser reaches it. */
    String routingApiUrl();
}
