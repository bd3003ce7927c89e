package com.calroute.config.tenant;

import com.calroute.config.identity.Caller;
import com.calroute.contracts.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's subject codes ({@code MØT:} diverts, {@code MØT;} only shows) and Outlook categories. */
@Path("/api/v1/tenants/{tenantId}/calendar-codes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class CalendarCodeResource {

    @Inject
    CalendarCodeService codes;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(summary = "The tenant's subject codes and Outlook categories, each with the busy type it means"
            + " (a tenant admin only its own)")
    public CalendarCodeService.CalendarCodes get(@PathParam("tenantId") String tenantId) {
        caller.requireTenantAccess(tenantId);
        return codes.get(tenantId);
    }

    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Replace the tenant's subject codes (at the start of a subject: 'MØT:' diverts calls, 'MØT;'"
            + " only shows the status) and Outlook categories (diverts or only shows), each with a busy type")
    public CalendarCodeService.CalendarCodes put(@PathParam("tenantId") String tenantId,
                                                 CalendarCodeService.CalendarCodes request) {
        caller.requireOwnTenant(tenantId);
        return codes.put(caller.actor(), tenantId, request);
    }
}
