package com.calroute.config.exchange;

import com.calroute.contracts.connection.ConnectionTestRequest;
import com.calroute.contracts.connection.ConnectionTestResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** calendar-sync-service's internal API, as far as config-service calls it. */
@Path("/internal/v1")
public interface SyncServiceApi {

    @POST
    @Path("/connection-tests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    ConnectionTestResult testConnection(@HeaderParam("Authorization") String authorization, ConnectionTestRequest request);
}
