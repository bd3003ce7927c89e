package com.calroute.config.problem;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.identity.Caller;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Requests that match no endpoint at all: typos, and scanners trying encoded NULs, encoded slashes and traversals.
 * They never reach a resource or the problem mapper, so this last route answers them with the same 404 problem any
 * unknown object gets and audits the refusal under the caller's identity when the request carried a valid token.
 */
@ApplicationScoped
public class UnmatchedRequests {

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route().last().handler(this::refuse);
    }

    private void refuse(RoutingContext context) {
        QuarkusHttpUser.getSecurityIdentity(context, null)
                .map(UnmatchedRequests::actor)
                .onFailure().recoverWithItem(Actor.ANONYMOUS)
                .subscribe().with(actor -> {
                    String target = context.request().method() + " " + context.request().path();
                    audit.denied(actor == null ? Actor.ANONYMOUS : actor, "request.denied", target, 404, "no such endpoint");
                    context.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .end(body(context.request().path()));
                });
    }

    private String body(String path) {
        try {
            return json.writeValueAsString(ApiException.notFound(ProblemMapper.NOTHING_HERE).problem(path));
        } catch (JsonProcessingException impossible) {
            return "{\"type\":\"" + ProblemTypes.NOT_FOUND + "\",\"status\":404}";
        }
    }

    private static Actor actor(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Actor.ANONYMOUS;
        }
        return Caller.actor(identity);
    }
}
