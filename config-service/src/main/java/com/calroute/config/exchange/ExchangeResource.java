package com.calroute.config.exchange;

import com.calroute.config.identity.Caller;
import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant admin's Exchange connection: read (without secrets), save, and test live. */
@Path("/api/v1/tenants/{tenantId}/exchange")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Exchange connection")
public class ExchangeResource {

    @Inject
    ConnectionService connections;

    @Inject
    ConnectionTestService connectionTests;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Read the connection; secrets appear only as passwordSet/clientSecretSet/clientCertificateSet")
    public ConnectionApi.ConnectionView get(@PathParam("tenantId") String tenantId) {
        caller.requireOwnTenant(tenantId);
        return connections.get(tenantId);
    }

    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Save the connection (kind EWS or GRAPH); secrets are write-only and encrypted at rest")
    public ConnectionApi.ConnectionView put(@PathParam("tenantId") String tenantId, ConnectionApi.PutConnection request) {
        caller.requireOwnTenant(tenantId);
        return connections.put(caller.actor(), tenantId, request);
    }

    @POST
    @Path("test")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Test the saved connection live, or a candidate sent as connection (validated like a save,"
            + " never stored; an empty secret uses the stored one); at most 6 per minute per tenant; names the failing"
            + " step with a stable code")
    public ConnectionTestResult test(@PathParam("tenantId") String tenantId, ConnectionApi.TestConnection request) {
        caller.requireOwnTenant(tenantId);
        return connectionTests.test(caller.actor(), tenantId, request);
    }
}
