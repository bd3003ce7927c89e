package com.calroute.routing.api;

import com.calroute.contracts.identity.Roles;
import com.calroute.routing.identity.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant admin's view of one user's route decisions — own tenant only, and only with a reason that is audited. */
@Path("/api/v1/tenants/{tenantId}/users/{userId}/route-decisions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class TenantRouteDecisionsResource {

    private final StatusQueries status;
    private final DecisionQueries decisions;
    private final Caller caller;

    TenantRouteDecisionsResource(StatusQueries status, DecisionQueries decisions, Caller caller) {
        this.status = status;
        this.decisions = decisions;
        this.caller = caller;
    }

    /** The user's decisions; another tenant's user is "not found", as if it did not exist. */
    @GET
    @Operation(summary = "A user's route decisions for their tenant's admin; reason (why you look) is required and"
            + " every access is recorded in the audit")
    public DecisionViews.Page decisions(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId,
                                        @QueryParam("reason") String reason, @QueryParam("since") String since,
                                        @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        caller.requireOwnTenant(tenantId);
        return decisions.forAdmin(status.userOf(tenantId, userId), reason, since, language, caller.login());
    }
}
