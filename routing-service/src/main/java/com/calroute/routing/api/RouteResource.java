package com.calroute.routing.api;

import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.routing.problem.ApiException;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Call control's lookup: where a call to a number goes now. Answered on the event loop from memory — a map
 * lookup and a binary search in the user's precomputed intervals — with no database and no locks.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    private final StatusQueries queries;

    RouteResource(StatusQueries queries) {
        this.queries = queries;
    }

    /** The route of a number right now. */
    @GET
    @Path("/routes/{e164}")
    @RolesAllowed("call-control")
    @NonBlocking
    @Operation(summary = "Where a call to this number goes now, following forwards between colleagues (the call-control hot path)")
    public RouteView route(@PathParam("e164") String number) {
        return queries.routeOf(number);
    }

    /** A bare JSON answer behind the same role check, for the benchmark's ceiling (off unless configured). */
    @GET
    @Path("/bench/ceiling")
    @RolesAllowed("call-control")
    @NonBlocking
    @Operation(summary = "Benchmark only, off unless calroute.bench.ceiling-endpoint: the same auth and JSON without the table")
    public Map<String, Object> ceiling() {
        if (!queries.ceilingEnabled()) {
            throw new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", null);
        }
        return Map.of("number", "+4791234567", "action", "RING");
    }
}
