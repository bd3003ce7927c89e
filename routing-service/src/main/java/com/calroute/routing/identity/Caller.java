package com.calroute.routing.identity;

import com.calroute.contracts.identity.CallerToken;
import com.calroute.contracts.users.LinkedLogin;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the bearer token's claims and roles, read and checked by {@link CallerToken} as in every
 * service. An employee is whoever's enrolment is bound to the token's login (config-service binds it at the first
 * sign-in with the verified enrolled e-mail); the token's e-mail plays no part here.
 */
@RequestScoped
public class Caller {

    private final CallerToken token;

    Caller(JsonWebToken jwt, SecurityIdentity identity) {
        this.token = new CallerToken(jwt::getClaim, identity::hasRole);
    }

    /** The token's tenant; a token without one may not act on tenant data (403). */
    public String ownTenant() {
        return token.ownTenant();
    }

    /** The token's login (issuer and subject); a token without them is no employee (403). */
    public LinkedLogin login() {
        return token.login();
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
