package com.calroute.routing.api;

import com.calroute.contracts.identity.Roles;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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

    private static final Map<String, Object> SMALL_CEILING = Map.of("number", "+4791234567", "action", "RING");

    private final StatusQueries queries;

    RouteResource(StatusQueries queries) {
        this.queries = queries;
    }

    /**
     * The route of a number right now; with {@code caller}, for a call from that number (a priority caller or a
     * colleague may ring through). Without it, or with it empty (a withheld number), the answer is the user's own.
     */
    @GET
    @Path("/routes/{e164}")
    @RolesAllowed(Roles.CALL_CONTROL)
    @NonBlocking
    @Operation(summary = "Where a call to this number goes now, following forwards between colleagues (the call-control hot path);"
            + " with caller (E.164), a priority caller or colleague rings through")
    public RouteView route(@PathParam("e164") String number, @QueryParam("caller") String caller) {
        return queries.routeOf(number, caller);
    }

    /**
     * The benchmark's ceiling (off unless configured): the same request as a lookup — a number in the path, a caller
     * in the query, both read by the framework and then ignored — the same role check and the same JSON, a fixed
     * answer of a lookup's shape and size written by the same writer, without the table or the decision log, so that
     * a lookup's cost beyond it is what the table and the log cost (and not the reading of its parameters).
     */
    @GET
    @Path("/bench/ceiling/{e164}")
    @RolesAllowed(Roles.CALL_CONTROL)
    @NonBlocking
    @Operation(summary = "Benchmark only, off unless calroute.bench.ceiling-endpoint: a lookup's request, auth and JSON without the table")
    public RouteView ceiling(@PathParam("e164") String number, @QueryParam("caller") String caller) {
        return queries.ceiling();
    }

    /** The earlier ceiling (off unless configured): the same role check and a 40-byte JSON answer. */
    @GET
    @Path("/bench/ceiling/small")
    @RolesAllowed(Roles.CALL_CONTROL)
    @NonBlocking
    @Operation(summary = "Benchmark only, off unless calroute.bench.ceiling-endpoint: the same auth and a 40-byte JSON answer")
    public Map<String, Object> smallCeiling() {
        queries.ceiling(); // 404 while the ceiling endpoints are off
        return SMALL_CEILING;
    }
}
