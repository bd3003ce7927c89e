package com.calroute.config.enrolment;

import com.calroute.config.identity.Caller;
import com.calroute.contracts.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The login bound to an enrolment, for the tenant's admin: look at it, or release it for the employee to claim anew. */
@Path("/api/v1/tenants/{tenantId}/users/{userId}/login")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Enrolment")
public class LoginLinkResource {

    @Inject
    LoginLinks links;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Whether a login is linked to this enrolment, and since when")
    public LoginLinks.LoginLinkView get(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        caller.requireOwnTenant(tenantId);
        return links.view(tenantId, userId);
    }

    @DELETE
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Release the linked login; the employee's next sign-in with the verified enrolled e-mail links it again")
    public LoginLinks.LoginLinkView release(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        caller.requireOwnTenant(tenantId);
        return links.release(caller.actor(), tenantId, userId);
    }
}
