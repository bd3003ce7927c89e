package com.calroute.sync.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;

/** Who is calling: roles from the token, the tenant from its {@code tenant} claim. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    @Inject
    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller's tenant claim, or null. */
    public String tenant() {
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken token) {
            Object claim = token.getClaim("tenant");
            return claim == null ? null : claim.toString().replace("\"", "");
        }
        return null;
    }

    /** True when a tenant admin calls about its own tenant (operators may look at any tenant). */
    public boolean mayAdminister(String tenantId) {
        if (identity.hasRole("operator")) {
            return true;
        }
        return identity.hasRole("tenant-admin") && tenantId.equals(tenant());
    }
}
