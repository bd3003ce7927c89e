package com.calroute.config.tenant;

import com.calroute.config.identity.Caller;
import com.calroute.config.identity.Roles;
import com.calroute.config.rules.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Tenants: the operator creates, changes and erases them; a tenant admin reads its own and changes a few settings. */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class TenantResource {

    @Inject
    TenantService tenants;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create a tenant with its switchboard number, time zone and subject sharing")
    public Response create(TenantApi.CreateTenant request) {
        TenantApi.TenantView created = tenants.create(caller.actor(), request);
        return Response.created(URI.create("/api/v1/tenants/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "List tenants, a page at a time")
    public TenantApi.TenantPage list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return tenants.list(PageRequest.of(page, size));
    }

    @GET
    @Path("{tenantId}")
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(summary = "Read a tenant (a tenant admin only its own)")
    public TenantApi.TenantView get(@PathParam("tenantId") String tenantId) {
        caller.requireTenantAccess(tenantId);
        return tenants.get(tenantId);
    }

    @PATCH
    @Path("{tenantId}")
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(summary = "Change a tenant (a tenant admin only its own timeZone and subjectSharing)")
    public TenantApi.TenantView patch(@PathParam("tenantId") String tenantId, TenantApi.PatchTenant request) {
        caller.requireTenantAccess(tenantId);
        return tenants.patch(caller.actor(), tenantId, request, !caller.hasRole(Roles.OPERATOR));
    }

    @DELETE
    @Path("{tenantId}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Erase a tenant: un-enrols every user, erases its secrets, tombstones it on calroute.tenants.v1")
    public Response delete(@PathParam("tenantId") String tenantId) {
        tenants.delete(caller.actor(), tenantId);
        return Response.noContent().build();
    }
}
