package com.calroute.routing.api;

import com.calroute.contracts.identity.Roles;
import com.calroute.routing.identity.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant admin's view of one user's status — of their own tenant only. */
@Path("/api/v1/tenants/{tenantId}/users/{userId}/status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class TenantStatusResource {

    private final StatusQueries queries;
    private final Caller caller;

    TenantStatusResource(StatusQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    /** The user's status now; another tenant's user is "not found", as if it did not exist. */
    @GET
    @Operation(summary = "A user's call-handling status now, for their tenant's admin")
    public RouteView status(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        caller.requireOwnTenant(tenantId);
        return queries.statusOf(queries.userOf(tenantId, userId));
    }
}
