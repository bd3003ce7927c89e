package com.calroute.routing.api;

import com.calroute.contracts.identity.Roles;
import com.calroute.routing.identity.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The switchboard view: who of a tenant is busy now, until when, and what changes next — from memory. */
@Path("/api/v1/tenants/{tenantId}/status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
public class TenantSwitchboardResource {

    private final StatusQueries queries;
    private final Caller caller;

    TenantSwitchboardResource(StatusQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    /** A tenant admin sees only their own tenant (another answers 404, as if it did not exist); an operator any. */
    @GET
    @Operation(summary = "Every enrolled user of the tenant now: state, action, target, until and next change; busy first,"
            + " then soonest change (page, size ≤ 200, q on number or user id)")
    public Switchboard.Page switchboard(@PathParam("tenantId") String tenantId,
                                        @Parameter(description = "zero-based page (default 0)") @QueryParam("page") String page,
                                        @Parameter(description = "rows per page, 1-200 (default 50)") @QueryParam("size") String size,
                                        @Parameter(description = "digits of the number, or part of the user id") @QueryParam("q") String q) {
        caller.requireTenantAccess(tenantId);
        return queries.switchboard(tenantId, page, size, q);
    }
}
