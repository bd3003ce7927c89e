package com.calroute.sync.connectiontest;

import com.calroute.contracts.connection.ConnectionTestRequest;
import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.identity.Roles;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;
import com.calroute.sync.source.CalendarSources;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** The live connection check config-service delegates to (suite-internal, role {@code service}). */
@Path("/internal/v1/connection-tests")
@RolesAllowed(Roles.SERVICE)
public class ConnectionTestResource {

    private final CalendarSources sources;

    @Inject
    public ConnectionTestResource(CalendarSources sources) {
        this.sources = sources;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Test an Exchange connection live on config-service's behalf; names the failing step")
    public ConnectionTestResult test(ConnectionTestRequest request) {
        if (request == null || request.connection() == null) {
            throw ApiException.invalid(List.of(new Problem.FieldError("connection", FieldErrorCodes.REQUIRED,
                    "is required")));
        }
        return sources.test(request.connection(), request.mailbox());
    }
}
