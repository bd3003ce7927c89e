package com.calroute.routing.api;

import com.calroute.contracts.identity.Roles;
import com.calroute.routing.identity.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** "Why did my call go there?": an employee's recent route decisions, and what a call would do at another time. */
@Path("/api/v1/me/routes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EMPLOYEE)
public class MyRoutesResource {

    private final StatusQueries status;
    private final DecisionQueries decisions;
    private final Caller caller;

    MyRoutesResource(StatusQueries status, DecisionQueries decisions, Caller caller) {
        this.status = status;
        this.decisions = decisions;
        this.caller = caller;
    }

    /** My route decisions since an instant (default: the last day), newest first, callers masked. */
    @GET
    @Path("/decisions")
    @Operation(summary = "Why my calls went where they went: my route decisions since an instant (default the last day),"
            + " newest first, callers masked but for their last 3 digits, with the reason as data and as text")
    public DecisionViews.Page decisions(@QueryParam("since") String since,
                                        @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String language) {
        return decisions.mine(status.employee(caller.ownTenant(), caller.login()), since, language);
    }

    /** What a call from a number would do at an instant, by the same engine as a lookup; not logged. */
    @GET
    @Path("/what-if")
    @Operation(summary = "What would happen to a call from caller (E.164, optional) at an instant (default now), and why:"
            + " the route lookup's own decision, not recorded")
    public RouteView whatIf(@QueryParam("at") String at, @QueryParam("caller") String from) {
        return status.whatIf(status.employee(caller.ownTenant(), caller.login()), at, from);
    }
}
