package com.calroute.routing.problem;

import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
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

    /** The Retry-After of a 503 that names none of its own (catching up, override not stored, decision log away). */
    static final int RETRY_AFTER_SECONDS = 5;

    /** routing-service's wording of a 400's detail (its clients have always been sent this one). */
    public static final String INVALID_DETAIL = "One or more fields are invalid.";

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return problem(e, null).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return api(new ApiException(401, ProblemTypes.UNAUTHENTICATED, "Unauthenticated",
                "A valid bearer token is required."));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return api(new ApiException(403, ProblemTypes.FORBIDDEN, "Forbidden", "Your role does not allow this."));
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class})
    public Response malformed(Exception e) {
        return api(ApiException.malformed("The body is not JSON of the expected shape."));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException || status == 400) {
            return malformed(null);
        }
        String type = switch (status) {
            case 401 -> ProblemTypes.UNAUTHENTICATED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404, 405 -> ProblemTypes.NOT_FOUND;
            case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
            default -> status >= 500 ? ProblemTypes.INTERNAL : ProblemTypes.MALFORMED;
        };
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return api(new ApiException(status, type, title, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOG.errorf(e, "unexpected fault %s", instance);
        return problem(new ApiException(500, ProblemTypes.INTERNAL, "Internal error",
                "Something went wrong; the service log has the details under the instance id."), instance).build();
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
