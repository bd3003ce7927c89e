package com.calroute.sync.problem;

import com.calroute.contracts.problem.ApiException;
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
 * The service's one exception mapper: every failure becomes an {@link ApiException} and so an
 * {@code application/problem+json} body with a stable type from {@link ProblemTypes}, never a stack trace or class
 * name. Laid out like the other services' mappers (one method per kind of failure, one response); an unexpected
 * failure's {@code instance} is the incident id the log names.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** The Retry-After of a 503 that names none of its own: the only dependency a request waits for is the database. */
    static final int RETRY_AFTER_SECONDS = DatabaseUnreachable.RETRY_AFTER_SECONDS;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return problem(e, null).build();
    }

    /** Missing or invalid tokens (authentication is lazy, so it fails inside the REST layer and lands here). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return api(new ApiException(401, ProblemTypes.UNAUTHENTICATED, "Not signed in",
                "A valid bearer token is required"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return api(new ApiException(403, ProblemTypes.FORBIDDEN, "Forbidden", "Your role does not allow this"));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return api(ApiException.malformed("The body is not JSON of the expected shape"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 400 -> malformed(null);
            case 401 -> unauthenticated(e);
            case 403 -> forbidden(null);
            case 404 -> api(ApiException.notFound("No such resource"));
            case 405 -> api(new ApiException(405, ProblemTypes.MALFORMED, "Method not allowed",
                    "This method is not allowed here"));
            case 413 -> api(ApiException.tooLarge("The body is larger than this endpoint accepts"));
            case 415 -> api(ApiException.unsupportedMediaType("Send application/json"));
            default -> status >= 500 ? unexpected(e) : api(new ApiException(status, ProblemTypes.MALFORMED,
                    Response.Status.fromStatusCode(status) == null ? "Request refused"
                            : Response.Status.fromStatusCode(status).getReasonPhrase(), null));
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseUnreachable.in(e)) {
            LOG.warnf("database unreachable: %s", DatabaseUnreachable.rootCause(e));
            return api(ApiException.unavailable("The database cannot be reached right now, so nothing was read or"
                    + " changed; try again shortly", DatabaseUnreachable.RETRY_AFTER_SECONDS));
        }
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOG.errorf(e, "unexpected error %s", instance);
        return problem(new ApiException(500, ProblemTypes.INTERNAL, "Internal error",
                "Something went wrong; the service log has details under this instance id"), instance).build();
    }

    /** The problem response; its {@code instance} is null but for an unexpected failure's incident id. */
    private static Response.ResponseBuilder problem(ApiException e, String instance) {
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(e.problem(instance));
        e.retryAfterSeconds(RETRY_AFTER_SECONDS)
                .ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response;
    }
}
