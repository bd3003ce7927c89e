package com.calroute.routing.identity;

import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.users.LinkedLogin;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the bearer token's {@code tenant}, {@code iss} and {@code sub} claims and roles; every tenant
 * check goes through here (the same shape as config-service's and calendar-sync's {@code Caller}). An employee is
 * whoever's enrolment is bound to that login (config-service binds it at the first sign-in with the verified enrolled
 * e-mail); the token's e-mail plays no part here.
 */
@RequestScoped
public class Caller {

    /** The role that may look at any tenant. */
    static final String OPERATOR = "operator";

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    Caller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** The token's tenant; a token without one may not act on tenant data (403). */
    public String ownTenant() {
        return required("tenant");
    }

    /** The token's login (issuer and subject); a token without them is no employee (403). */
    public LinkedLogin login() {
        return new LinkedLogin(required("iss"), required("sub"));
    }

    /** Only the caller's own tenant; another tenant's id gets the 404 an unknown one would get. */
    public void requireOwnTenant(String tenantId) {
        if (!ownTenant().equals(tenantId)) {
            throw ApiException.notFoundForCaller("No such tenant.");
        }
    }

    /** Lets operators through; anyone else only to their own tenant, else a 404 as if the tenant did not exist. */
    public void requireTenantAccess(String tenantId) {
        if (!identity.hasRole(OPERATOR)) {
            requireOwnTenant(tenantId);
        }
    }

    private String required(String claim) {
        Object value = token.getClaim(claim);
        String text = value == null ? null : value.toString().replace("\"", "");
        if (text == null || text.isBlank()) {
            throw ApiException.forbidden("The token has no " + claim + " claim.");
        }
        return text;
    }
}
