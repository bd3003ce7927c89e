package com.calroute.sync.problem;

import com.calroute.contracts.problem.DatabaseUnreachable;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/** The service's one exception mapper: every error is a {@link Problem}, never a stack trace or class name. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** The Retry-After of a database outage: long enough not to hammer a recovering database, short for a person. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 10;

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof ProblemException problem) {
            return response(new Problem(problem.type(), problem.title(), problem.status(), problem.getMessage(), null,
                    problem.errors()));
        }
        if (error instanceof UnauthorizedException || error instanceof AuthenticationFailedException) {
            return response(new Problem(ProblemTypes.UNAUTHENTICATED, "Not signed in", 401,
                    "A valid bearer token is required", null, null));
        }
        if (error instanceof ForbiddenException) {
            return response(new Problem(ProblemTypes.FORBIDDEN, "Forbidden", 403,
                    "Your role does not allow this", null, null));
        }
        if (error instanceof NotFoundException) {
            return response(new Problem(ProblemTypes.NOT_FOUND, "Not found", 404, "No such resource", null, null));
        }
        if (error instanceof NotSupportedException) {
            return response(new Problem(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", 415,
                    "Send application/json", null, null));
        }
        if (error instanceof NotAllowedException) {
            return response(new Problem(ProblemTypes.MALFORMED, "Method not allowed", 405,
                    "This method is not allowed here", null, null));
        }
        if (error instanceof WebApplicationException web && web.getResponse().getStatus() == 400) {
            return response(new Problem(ProblemTypes.MALFORMED, "Malformed request", 400,
                    "The body is not JSON of the expected shape", null, null));
        }
        if (DatabaseUnreachable.in(error)) {
            LOG.warnf("database unreachable: %s", rootMessage(error));
            Problem unavailable = new Problem(ProblemTypes.UNAVAILABLE, "Service unavailable", 503,
                    "The database cannot be reached right now, so nothing was read or changed; try again shortly",
                    null, null);
            return Response.status(503).type(Problem.MEDIA_TYPE).entity(unavailable)
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS).build();
        }
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOG.errorf(error, "unexpected error %s", instance);
        return response(new Problem(ProblemTypes.INTERNAL, "Internal error", 500,
                "Something went wrong; the service log has details under this instance id", instance, null));
    }

    /** Authorization failures are mapped by Quarkus before a catch-all mapper is asked; these take precedence. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException error) {
        return toResponse(error);
    }

    /** Missing or invalid tokens (authentication is lazy, so it fails inside the REST layer and lands here). */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException error) {
        return toResponse(error);
    }

    /** An invalid bearer token. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException error) {
        return toResponse(error);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
