package com.calroute.config.identity;

import com.calroute.config.audit.Actor;
import com.calroute.contracts.identity.CallerToken;
import com.calroute.contracts.users.LinkedLogin;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is calling, from the bearer token: its claims and the tenant rule through {@link CallerToken} (the same in every
 * service), and what only config-service asks of a token — the {@code email} claims an employee's first sign-in is
 * checked against, and the caller as the audit log records it.
 */
@RequestScoped
public class Caller {

    /** The claim naming an employee's e-mail address. */
    public static final String EMAIL_CLAIM = "email";
    /** The claim saying the identity provider verified that e-mail address (OpenID Connect Core 5.1). */
    public static final String EMAIL_VERIFIED_CLAIM = "email_verified";

    private final SecurityIdentity identity;
    private final CallerToken token;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
        this.token = of(identity);
    }

    private static CallerToken of(SecurityIdentity identity) {
        Optional<JsonWebToken> jwt = jwt(identity);
        return new CallerToken(name -> jwt.map(t -> t.getClaim(name)).orElse(null), identity::hasRole);
    }

    public String subject() {
        return token.claim(CallerToken.SUBJECT_CLAIM)
                .orElseGet(() -> identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName());
    }

    public Optional<String> tenant() {
        return token.tenant();
    }

    public Optional<String> email() {
        return token.claim(EMAIL_CLAIM);
    }

    /** Whether the token says its e-mail address was verified ({@code email_verified} is JSON {@code true}). */
    public boolean emailVerified() {
        return jwt(identity).map(jwt -> jwt.getClaim(EMAIL_VERIFIED_CLAIM))
                .map(value -> JsonValue.TRUE.equals(value) || Boolean.TRUE.equals(value))
                .orElse(false);
    }

    /** The caller's login: the token's issuer and subject, the stable identity an enrolment is bound to. */
    public LinkedLogin login() {
        return token.login();
    }

    public boolean hasRole(String role) {
        return token.hasRole(role);
    }

    /** The caller's tenant, required for tenant-scoped roles. */
    public String ownTenant() {
        return token.ownTenant();
    }

    /** Lets operators through; anyone else only to their own tenant, else a 404 as if the tenant did not exist. */
    public void requireTenantAccess(String tenantId) {
        token.requireTenantAccess(tenantId);
    }

    /** Only the caller's own tenant; another tenant's id gets the 404 an unknown id would get. */
    public void requireOwnTenant(String tenantId) {
        token.requireOwnTenant(tenantId);
    }

    /** The caller as the audit log records it. */
    public Actor actor() {
        return new Actor(subject(), tenant().orElse(null), String.join(",", new TreeSet<>(identity.getRoles())));
    }

    /** A caller outside a request scope as the audit log records it (a request no endpoint matched). */
    public static Actor actor(SecurityIdentity identity) {
        return new Caller(identity).actor();
    }

    private static Optional<JsonWebToken> jwt(SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Optional.of(jwt) : Optional.empty();
    }
}
