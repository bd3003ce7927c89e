package com.calroute.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The browser's settings: public values only (issuer, public client id, API base URLs), never a secret. */
@Path("/config.json")
public class ConfigResource {

    private final ConsoleConfig config;

    public ConfigResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(Map.of(
                "issuer", config.oidcUrl(),
                "clientId", config.consoleClientId(),
                "configApi", config.configApiUrl(),
                "syncApi", config.syncApiUrl(),
                "routingApi", config.routingApiUrl())).cacheControl(noCache).build();
    }
}
