package com.calroute.config.exchange;

import com.calroute.contracts.connection.ConnectionTestRequest;
import com.calroute.contracts.connection.ConnectionTestResult;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * calendar-sync-service's internal API, as far as config-service calls it: a REST Client whose OIDC client filter
 * adds this service's client-credentials token (role {@code service}), fetched and renewed by the OIDC client.
 * Asynchronous so that the caller can bound the whole call, token included (the OIDC client bounds only connecting).
 */
@Path("/internal/v1")
@OidcClientFilter
public interface SyncServiceApi {

    @POST
    @Path("/connection-tests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ConnectionTestResult> testConnection(ConnectionTestRequest request);
}
