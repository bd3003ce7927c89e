package com.calroute.sync.problem;

import com.calroute.contracts.problem.DatabaseUnreachable;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * The service's one exception mapper: every error is a {@link Problem} with a stable type from {@link ProblemTypes},
 * never a stack trace or class name. Laid out like routing-service's: one method per kind of failure, one response.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** The Retry-After of a database outage: long enough not to hammer a recovering database, short for a person. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 10;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.problem());
    }

    /** Missing or invalid tokens (authentication is lazy, so it fails inside the REST layer and lands here). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return respond(new Problem(ProblemTypes.UNAUTHENTICATED, "Not signed in", 401,
                "A valid bearer token is required", null, null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem(ProblemTypes.FORBIDDEN, "Forbidden", 403, "Your role does not allow this", null, null));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return respond(new Problem(ProblemTypes.MALFORMED, "Malformed request", 400,
                "The body is not JSON of the expected shape", null, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 400 -> malformed(null);
            case 401 -> unauthenticated(e);
            case 403 -> forbidden(null);
            case 404 -> respond(new Problem(ProblemTypes.NOT_FOUND, "Not found", 404, "No such resource", null, null));
            case 405 -> respond(new Problem(ProblemTypes.MALFORMED, "Method not allowed", 405,
                    "This method is not allowed here", null, null));
            case 413 -> respond(new Problem(ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", 413,
                    "The body is larger than this endpoint accepts", null, null));
            case 415 -> respond(new Problem(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", 415,
                    "Send application/json", null, null));
            default -> status >= 500 ? unexpected(e) : respond(new Problem(ProblemTypes.MALFORMED,
                    Response.Status.fromStatusCode(status) == null ? "Request refused"
                            : Response.Status.fromStatusCode(status).getReasonPhrase(), status, null, null, null));
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseUnreachable.in(e)) {
            LOG.warnf("database unreachable: %s", rootMessage(e));
            return respond(new Problem(ProblemTypes.UNAVAILABLE, "Service unavailable", 503,
                    "The database cannot be reached right now, so nothing was read or changed; try again shortly",
                    null, null));
        }
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOG.errorf(e, "unexpected error %s", instance);
        return respond(new Problem(ProblemTypes.INTERNAL, "Internal error", 500,
                "Something went wrong; the service log has details under this instance id", instance, null));
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
