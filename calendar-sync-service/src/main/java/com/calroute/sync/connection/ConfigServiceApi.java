package com.calroute.sync.connection;

import com.calroute.contracts.connection.ExchangeConnection;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * config-service's internal API, as far as calendar-sync-service calls it: a REST Client whose OIDC client filter
 * adds this service's client-credentials token (role {@code service}), fetched and renewed by the OIDC client.
 * Asynchronous so that the caller can bound the whole call, token included (the OIDC client bounds only connecting);
 * {@link ConnectionProvider} awaits it on the sync workers, never on the event loop.
 */
@Path("/internal/v1")
@OidcClientFilter
public interface ConfigServiceApi {

    @GET
    @Path("/tenants/{tenantId}/connection")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ExchangeConnection> connection(@PathParam("tenantId") String tenantId);
}
