package com.calroute.routing.api;

import com.calroute.contracts.identity.Roles;
import com.calroute.routing.identity.Caller;
import com.calroute.routing.ingest.UserRoute;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** An employee's own status, what will happen to their calls, and their manual override. */
@Path("/api/v1/me/status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EMPLOYEE)
public class MyStatusResource {

    private final StatusQueries queries;
    private final Caller caller;

    MyStatusResource(StatusQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    /** My status now. */
    @GET
    @Operation(summary = "My call-handling status now: state, action, target, until when and why")
    public RouteView status() {
        return queries.statusOf(me());
    }

    /** My status intervals between two instants (at most 31 days apart). */
    @GET
    @Path("/timeline")
    @Operation(summary = "What will happen to my calls between from and to (at most 31 days)")
    public RouteView.Timeline timeline(@QueryParam("from") String from, @QueryParam("to") String to) {
        return queries.timeline(me(), from, to);
    }

    /** Sets my override until a time; answers my status with it. */
    @PUT
    @Path("/override")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a manual override until a time; it beats the calendar while it lasts")
    public RouteView setOverride(RouteView.OverrideRequest request) {
        return queries.setOverride(me(), request);
    }

    /** Removes my override. */
    @DELETE
    @Path("/override")
    @Operation(summary = "Remove my manual override")
    public void removeOverride() {
        queries.removeOverride(me());
    }

    private UserRoute me() {
        return queries.employee(caller.ownTenant(), caller.login());
    }
}
