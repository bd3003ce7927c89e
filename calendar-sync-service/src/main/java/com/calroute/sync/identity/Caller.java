package com.calroute.sync.identity;

import com.calroute.contracts.identity.CallerToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from the bearer token's claims and roles, read and checked by {@link CallerToken} as everywhere. */
@RequestScoped
public class Caller {

    private final CallerToken token;

    Caller(SecurityIdentity identity) {
        this.token = new CallerToken(
                name -> identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(name) : null,
                identity::hasRole);
    }

    /** The token's tenant; a token without one may not act on tenant data (403). */
    public String ownTenant() {
        return token.ownTenant();
    }

    /** Only the caller's own tenant; another tenant's id gets the 404 an unknown one would get. */
    public void requireOwnTenant(String tenantId) {
        token.requireOwnTenant(tenantId);
    }

    /** Lets operators through; anyone else only to their own tenant, else a 404 as if the tenant did not exist. */
    public void requireTenantAccess(String tenantId) {
        token.requireTenantAccess(tenantId);
    }
}
