package com.calroute.routing.problem;

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

/** The service's one exception mapper: every error becomes {@code application/problem+json}, never a trace. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** How long a client should wait before asking again after a 503 (catching up, override not stored). */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return respond(new Problem(ProblemTypes.UNAUTHENTICATED, "Unauthenticated", 401,
                "A valid bearer token is required.", null, null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem(ProblemTypes.FORBIDDEN, "Forbidden", 403,
                "Your role does not allow this.", null, null));
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class})
    public Response malformed(Exception e) {
        return respond(new Problem(ProblemTypes.MALFORMED, "Malformed request", 400,
                "The body is not JSON of the expected shape.", null, null));
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
        return respond(new Problem(type, title, status, null, null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String instance = "urn:uuid:" + UUID.randomUUID();
        LOG.errorf(e, "unexpected fault %s", instance);
        return respond(new Problem(ProblemTypes.INTERNAL, "Internal error", 500,
                "Something went wrong; the service log has the details under the instance id.", instance, null));
    }

    private static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
