package com.calroute.config.identity;

import com.calroute.config.audit.Actor;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.users.LinkedLogin;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is calling, from the bearer token: issuer and subject, roles, the {@code tenant} claim and the {@code email}
 * claims. Every ownership check goes through here so a caller never reaches another tenant's objects.
 */
@RequestScoped
public class Caller {

    /** The claim naming the caller's tenant. */
    public static final String TENANT_CLAIM = "tenant";
    /** The claim naming an employee's e-mail address. */
    public static final String EMAIL_CLAIM = "email";
    /** The claim saying the identity provider verified that e-mail address (OpenID Connect Core 5.1). */
    public static final String EMAIL_VERIFIED_CLAIM = "email_verified";

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

    /** Whether the token says its e-mail address was verified ({@code email_verified} is JSON {@code true}). */
    public boolean emailVerified() {
        return token().map(jwt -> jwt.getClaim(EMAIL_VERIFIED_CLAIM))
                .map(value -> JsonValue.TRUE.equals(value) || Boolean.TRUE.equals(value))
                .orElse(false);
    }

    /** The caller's login: the token's issuer and subject, the stable identity an enrolment is bound to. */
    public LinkedLogin login() {
        return token().filter(jwt -> present(jwt.getIssuer()) && present(jwt.getSubject()))
                .map(jwt -> new LinkedLogin(jwt.getIssuer(), jwt.getSubject()))
                .orElseThrow(() -> ApiException.forbidden("Your token names no issuer and subject, so Calroute cannot"
                        + " tell which employee you are."));
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

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private Optional<JsonWebToken> token() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Optional.of(jwt) : Optional.empty();
    }
}
