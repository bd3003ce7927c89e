package com.calroute.config.identity;

import com.calroute.config.audit.Actor;
import com.calroute.config.problem.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is calling, from the bearer token: subject, roles, the {@code tenant} claim and the {@code email} claim. Every
 * ownership check goes through here so a caller never reaches another tenant's objects.
 */
@RequestScoped
public class Caller {

    /** The claim naming the caller's tenant. */
    public static final String TENANT_CLAIM = "tenant";
    /** The claim naming an employee's e-mail address. */
    public static final String EMAIL_CLAIM = "email";

    @Inject
    SecurityIdentity identity;

    public String subject() {
        return token().map(JsonWebToken::getSubject).filter(s -> s != null && !s.isBlank())
                .orElseGet(() -> identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
    }

    public Optional<String> tenant() {
        return claim(TENANT_CLAIM);
    }

    public Optional<String> email() {
        return claim(EMAIL_CLAIM);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The caller's tenant, required for tenant-scoped roles. */
    public String ownTenant() {
        return tenant().orElseThrow(() -> ApiException.forbidden("Your token has no tenant claim, so it cannot be used"
                + " for tenant data. Ask your administrator to check your account."));
    }

    /** Lets operators through; anyone else only to their own tenant, else a 404 as if the tenant did not exist. */
    public void requireTenantAccess(String tenantId) {
        if (hasRole(Roles.OPERATOR)) {
            return;
        }
        requireOwnTenant(tenantId);
    }

    /** Only the caller's own tenant; another tenant's id gets the 404 an unknown id would get. */
    public void requireOwnTenant(String tenantId) {
        if (!ownTenant().equals(tenantId)) {
            throw ApiException.notFoundForCaller("There is no tenant '" + tenantId + "'.");
        }
    }

    /** The caller as the audit log records it. */
    public Actor actor() {
        return new Actor(subject(), tenant().orElse(null), String.join(",", new TreeSet<>(identity.getRoles())));
    }

    private Optional<String> claim(String name) {
        return token().map(jwt -> jwt.getClaim(name))
                .map(value -> value instanceof JsonString json ? json.getString() : value.toString())
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    private Optional<JsonWebToken> token() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Optional.of(jwt) : Optional.empty();
    }
}
