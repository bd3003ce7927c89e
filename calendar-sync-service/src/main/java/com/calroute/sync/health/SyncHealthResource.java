package com.calroute.sync.health;

import com.calroute.contracts.identity.Roles;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.sync.identity.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A tenant admin's view of sync: per user the state, last success and last error in plain words, and a resync
 * button. Both answer the same on every replica — they read and write the shared database; the replica owning
 * the user picks a resync request up within a second.
 */
@Path("/api/v1/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
public class SyncHealthResource {

    /** One page of sync health, with the counts of the whole tenant. */
    public record SyncHealthPage(String tenantId, int page, int size, long total, SyncHealthStore.Summary summary,
                                 List<UserHealth> users) {
    }

    private final SyncHealthStore store;
    private final Caller caller;

    @Inject
    public SyncHealthResource(SyncHealthStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Path("/sync-health")
    @Operation(summary = "Per user of the tenant: sync state, last success and last error in plain words; the tenant's counts")
    public SyncHealthPage health(@PathParam("tenantId") String tenantId,
                                 @QueryParam("page") @DefaultValue("0") int page,
                                 @QueryParam("size") @DefaultValue("50") int size,
                                 @Parameter(description = "FAILING (last error newer than last success), OK, PENDING"
                                         + " or OFF") @QueryParam("state") String state,
                                 @Parameter(description = "comma-separated user ids, at most 200: only these users")
                                 @QueryParam("userIds") String userIds) {
        caller.requireTenantAccess(tenantId);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new Problem.FieldError("page", FieldErrorCodes.OUT_OF_RANGE, "must be 0 or more",
                    Map.of("min", "0")));
        }
        if (size < 1 || size > 200) {
            errors.add(new Problem.FieldError("size", FieldErrorCodes.OUT_OF_RANGE, "must be between 1 and 200",
                    Map.of("min", "1", "max", "200")));
        }
        HealthFilter filter = HealthFilter.parse(state, userIds, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new SyncHealthPage(tenantId, page, size, store.count(tenantId, filter), store.summary(tenantId),
                store.page(tenantId, filter, page, size));
    }

    @POST
    @Path("/users/{userId}/resync")
    @Operation(summary = "Read the user's mailbox again now")
    public Response resync(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        caller.requireTenantAccess(tenantId);
        UserHealth user = store.user(tenantId, userId);
        if (user == null) {
            throw ApiException.notFound("No such user in this tenant");
        }
        if (user.state() == SyncState.OFF) {
            throw new ApiException(409, ProblemTypes.CONFLICT, "Sync is off",
                    "The user has turned calendar sync off; there is nothing to resync");
        }
        store.requestResync(tenantId, userId);
        return Response.accepted(Map.of("tenantId", tenantId, "userId", userId, "status", "requested")).build();
    }
}
