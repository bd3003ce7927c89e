package com.calroute.config.problem;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.exchange.secrets.SecretUnreadableException;
import com.calroute.config.identity.Caller;
import com.calroute.config.rules.InvalidInputException;
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

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The service's one exception mapper: every failure becomes an {@code application/problem+json} body with a stable
 * type from {@link ProblemTypes}, never a stack trace or class name. Denied requests are written to the audit log.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

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
        Response.ResponseBuilder response = problem(e.status(), e.type(), e.title(), e.getMessage(), request, e.errors());
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, HttpServerRequest request) {
        return api(ApiException.invalid(e.violations()), request);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        audit.denied(Actor.ANONYMOUS, "request.denied", describe(request), 401, "no valid bearer token");
        return problem(401, ProblemTypes.UNAUTHENTICATED, "Unauthenticated",
                "This API needs a valid bearer token from the Calroute identity provider.", request, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        audit.denied(callerOrAnonymous(), "request.denied", describe(request), 403, "role not allowed");
        return problem(403, ProblemTypes.FORBIDDEN, "Forbidden",
                "Your role does not allow this request.", request, null).build();
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
    public Response notJson(JsonProcessingException e, HttpServerRequest request) {
        return api(ApiException.malformed("The body is not valid JSON."), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jsonProblem) {
            return jsonProblem instanceof UnrecognizedPropertyException unknown ? unknownField(unknown, request)
                    : jsonProblem instanceof MismatchedInputException mismatch ? wrongShape(mismatch, request)
                    : notJson(jsonProblem, request);
        }
        return switch (status) {
            case 400 -> api(ApiException.malformed("The request could not be read."), request);
            case 401 -> unauthenticated(new UnauthorizedException(), request);
            // No endpoint matched: a typo, or a scanner trying encoded NULs and traversals. Audited like any denial;
            // the path is not echoed back, as it may carry control characters.
            case 404 -> api(ApiException.notFoundForCaller("There is nothing at this address."), request);
            case 405 -> problem(405, "about:blank", "Method not allowed",
                    request.method() + " is not supported here.", request, null).build();
            case 406 -> problem(406, "about:blank", "Not acceptable",
                    "This API answers with application/json only.", request, null).build();
            case 413 -> api(ApiException.tooLarge("The body is larger than this endpoint accepts."), request);
            case 415 -> api(ApiException.unsupportedMediaType("Send the body as application/json"
                    + " (bulk enrolment also accepts text/csv)."), request);
            default -> status >= 500 ? unexpected(e, request)
                    : problem(status, "about:blank", "Request refused", null, request, null).build();
        };
    }

    @ServerExceptionMapper
    public Response unreadableSecret(SecretUnreadableException e, HttpServerRequest request) {
        LOG.errorf("a stored secret cannot be decrypted for %s %s: %s", request.method(), request.path(), e.getMessage());
        return problem(500, ProblemTypes.INTERNAL, "Stored secret unreadable", "A stored Exchange secret cannot be"
                + " decrypted (its key is no longer configured, or the stored value was altered). The tenant admin must"
                + " enter the secret again; the operator should check calroute.secrets.keys.", request, null).build();
    }

    @ServerExceptionMapper
    public Response identityProviderDown(OIDCException e, HttpServerRequest request) {
        LOG.warnf("cannot verify a token of %s %s: the identity provider is not reachable", request.method(), request.path());
        return api(ApiException.unavailable("Sign-in cannot be checked right now: the identity provider is not"
                + " reachable. Try again in a minute."), request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseUnreachable.in(e)) {
            LOG.warnf("database unreachable for %s %s: %s", request.method(), request.path(), rootMessage(e));
            return api(ApiException.databaseUnavailable(), request);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s: unexpected failure of %s %s", incident, request.method(), request.path());
        return problem(500, ProblemTypes.INTERNAL, "Internal error", "Something went wrong on our side. Quote incident "
                + incident + " to support.", request, null).build();
    }

    private Response.ResponseBuilder problem(int status, String type, String title, String detail,
                                             HttpServerRequest request, List<Problem.FieldError> errors) {
        Problem body = new Problem(type, title, status, detail, request.path(), errors);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            text = "{\"type\":\"" + type + "\",\"status\":" + status + "}";
        }
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(text);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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
