package com.calroute.config.problem;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.exchange.secrets.SecretUnreadableException;
import com.calroute.config.identity.Caller;
import com.calroute.config.rules.InvalidInputException;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.DatabaseUnreachable;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The service's one exception mapper: every failure becomes an {@link ApiException} and so an
 * {@code application/problem+json} body with a stable type from {@link ProblemTypes}, never a stack trace or class
 * name. Laid out like the other services' mappers (one method per kind of failure, one response); config-service's
 * own parts: the request path as {@code instance}, denied requests written to the audit log, field errors for JSON
 * that does not fit, and its secrets and identity provider.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** The Retry-After of a 503 that names none of its own (a dependency such as the identity provider is away). */
    static final int RETRY_AFTER_SECONDS = 30;

    /** The detail of a 404 for a path no endpoint serves (the path is not echoed: it may carry control characters). */
    static final String NOTHING_HERE = "There is nothing at this address.";

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        if (e.deniedAccess()) {
            audit.denied(callerOrAnonymous(), "request.denied", describe(request), e.status(), e.getMessage());
        }
        return problem(e, request).build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, HttpServerRequest request) {
        return api(ApiException.invalid(e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.code(), v.message(), v.params())).toList()), request);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        audit.denied(Actor.ANONYMOUS, "request.denied", describe(request), 401, "no valid bearer token");
        return problem(new ApiException(401, ProblemTypes.UNAUTHENTICATED, "Unauthenticated",
                "This API needs a valid bearer token from the Calroute identity provider."), request)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        audit.denied(callerOrAnonymous(), "request.denied", describe(request), 403, "role not allowed");
        return problem(new ApiException(403, ProblemTypes.FORBIDDEN, "Forbidden",
                "Your role does not allow this request."), request).build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return api(ApiException.invalid(path(e), FieldErrorCodes.UNKNOWN_FIELD, "is not a known field"), request);
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, HttpServerRequest request) {
        String field = path(e);
        if (field.isEmpty()) {
            return api(ApiException.malformed("The body does not have the expected shape (e.g. an object where a"
                    + " list was expected)."), request);
        }
        return api(ApiException.invalid(field, FieldErrorCodes.WRONG_TYPE, "has the wrong type"), request);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, HttpServerRequest request) {
        return api(ApiException.malformed("The body is not valid JSON."), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jsonProblem) {
            return jsonProblem instanceof UnrecognizedPropertyException unknown ? unknownField(unknown, request)
                    : jsonProblem instanceof MismatchedInputException mismatch ? wrongShape(mismatch, request)
                    : malformed(jsonProblem, request);
        }
        return switch (status) {
            case 400 -> api(ApiException.malformed("The request could not be read."), request);
            case 401 -> unauthenticated(new UnauthorizedException(), request);
            // No endpoint matched: a typo, or a scanner trying encoded NULs and traversals. Audited like any denial.
            case 404 -> api(ApiException.notFoundForCaller(NOTHING_HERE), request);
            case 405 -> api(new ApiException(405, "about:blank", "Method not allowed",
                    request.method() + " is not supported here."), request);
            case 406 -> api(new ApiException(406, "about:blank", "Not acceptable",
                    "This API answers with application/json only."), request);
            case 413 -> api(ApiException.tooLarge("The body is larger than this endpoint accepts."), request);
            case 415 -> api(ApiException.unsupportedMediaType("Send the body as application/json"
                    + " (bulk enrolment also accepts text/csv)."), request);
            default -> status >= 500 ? unexpected(e, request)
                    : api(new ApiException(status, "about:blank", "Request refused", null), request);
        };
    }

    @ServerExceptionMapper
    public Response unreadableSecret(SecretUnreadableException e, HttpServerRequest request) {
        LOG.errorf("a stored secret cannot be decrypted for %s: %s", describe(request), e.getMessage());
        return api(new ApiException(500, ProblemTypes.INTERNAL, "Stored secret unreadable", "A stored Exchange secret"
                + " cannot be decrypted (its key is no longer configured, or the stored value was altered). The tenant"
                + " admin must enter the secret again; the operator should check calroute.secrets.keys."), request);
    }

    @ServerExceptionMapper
    public Response identityProviderDown(OIDCException e, HttpServerRequest request) {
        LOG.warnf("cannot verify a token of %s: the identity provider is not reachable", describe(request));
        return api(ApiException.unavailable("Sign-in cannot be checked right now: the identity provider is not"
                + " reachable. Try again in a minute."), request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseUnreachable.in(e)) {
            LOG.warnf("database unreachable for %s: %s", describe(request), DatabaseUnreachable.rootCause(e));
            return api(ApiException.unavailable("The database cannot be reached right now, so nothing was read or"
                    + " changed. Try again shortly.", DatabaseUnreachable.RETRY_AFTER_SECONDS), request);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s: unexpected failure of %s", incident, describe(request));
        return api(new ApiException(500, ProblemTypes.INTERNAL, "Internal error", "Something went wrong on our side."
                + " Quote incident " + incident + " to support."), request);
    }

    /** The problem response; its {@code instance} is the request path. */
    private Response.ResponseBuilder problem(ApiException e, HttpServerRequest request) {
        String body;
        try {
            body = json.writeValueAsString(e.problem(request.path()));
        } catch (JsonProcessingException impossible) {
            body = "{\"type\":\"" + e.type() + "\",\"status\":" + e.status() + "}";
        }
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body);
        e.retryAfterSeconds(RETRY_AFTER_SECONDS)
                .ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response;
    }

    private Actor callerOrAnonymous() {
        try {
            return caller.actor();
        } catch (RuntimeException e) {
            return Actor.ANONYMOUS;
        }
    }

    private static String describe(HttpServerRequest request) {
        return request.method() + " " + request.path();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
