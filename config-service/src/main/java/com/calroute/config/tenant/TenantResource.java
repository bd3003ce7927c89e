package com.calroute.config.tenant;

import com.calroute.config.identity.Caller;
import com.calroute.config.rules.PageRequest;
import com.calroute.contracts.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants: the operator creates, changes and erases them; a tenant admin reads its own and changes a few settings. */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants")
public class TenantResource {

    @Inject
    TenantService tenants;

    @Inject
    TenantNumbers numbers;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create a tenant with its switchboard number, numbers, time zone, subject sharing, forwarding"
            + " abroad and country (how typed phone numbers are read; default NO)")
    public Response create(TenantApi.CreateTenant request) {
        TenantApi.TenantView created = tenants.create(caller.actor(), request);
        // A path, not an absolute URI: JAX-RS would resolve one against the request's Host header, which the client sets.
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/api/v1/tenants/" + created.id())
                .entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "List tenants, a page at a time")
    public TenantApi.TenantPage list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return tenants.list(PageRequest.parse(page, size));
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
    @Operation(summary = "Change a tenant (a tenant admin only its own timeZone and subjectSharing; country operator only)")
    public TenantApi.TenantView patch(@PathParam("tenantId") String tenantId, TenantApi.PatchTenant request) {
        caller.requireTenantAccess(tenantId);
        return tenants.patch(caller.actor(), tenantId, request, !caller.hasRole(Roles.OPERATOR));
    }

    @GET
    @Path("{tenantId}/numbers")
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(summary = "Read the numbers a tenant holds (a tenant admin only its own)")
    public TenantApi.Numbers numbers(@PathParam("tenantId") String tenantId) {
        caller.requireTenantAccess(tenantId);
        return numbers.get(tenantId);
    }

    @PUT
    @Path("{tenantId}/numbers")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Replace the numbers a tenant holds: ranges of E.164 numbers no other tenant holds, covering"
            + " its switchboard and every enrolled user's number")
    public TenantApi.Numbers putNumbers(@PathParam("tenantId") String tenantId, TenantApi.Numbers request) {
        return numbers.put(caller.actor(), tenantId, request);
    }

    @DELETE
    @Path("{tenantId}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Erase a tenant: un-enrols every user, erases its secrets and numbers, tombstones it on"
            + " calroute.tenants.v1; its id is never given out again")
    public Response delete(@PathParam("tenantId") String tenantId) {
        tenants.delete(caller.actor(), tenantId);
        return Response.noContent().build();
    }
}
