package com.calroute.sync.identity;

import com.calroute.contracts.problem.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the bearer token's {@code tenant} claim and roles; every tenant check goes through here (the
 * same shape as config-service's and routing-service's {@code Caller}).
 */
@RequestScoped
public class Caller {

    /** The role that may look at any tenant. */
    static final String OPERATOR = "operator";

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The token's tenant; a token without one may not act on tenant data (403). */
    public String ownTenant() {
        Object claim = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim("tenant") : null;
        String tenant = claim == null ? null : claim.toString().replace("\"", "");
        if (tenant == null || tenant.isBlank()) {
            throw ApiException.forbidden("The token has no tenant claim.");
        }
        return tenant;
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
}
