package com.calroute.contracts.identity;

import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.users.LinkedLogin;
import jakarta.json.JsonString;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a caller's bearer token says — its claims read one way in every service, and the tenant rule applied to them:
 * each service's request-scoped {@code Caller} wraps one of these around its token, so no service reads a claim or
 * checks a tenant its own way.
 */
public final class CallerToken {

    /** The claim naming the caller's tenant. */
    public static final String TENANT_CLAIM = "tenant";
    /** The claim naming the token's issuer. */
    public static final String ISSUER_CLAIM = "iss";
    /** The claim naming the caller at the issuer. */
    public static final String SUBJECT_CLAIM = "sub";

    private final Function<String, Object> claims;
    private final Predicate<String> roles;

    /**
     * @param claims a claim's value by name, as the JWT library gives it ({@code null} when absent)
     * @param roles  whether the caller has a role
     */
    public CallerToken(Function<String, Object> claims, Predicate<String> roles) {
        this.claims = claims;
        this.roles = roles;
    }

    /** A claim's text: a JSON string's content (never its quotes), stripped; absent when missing or blank. */
    public Optional<String> claim(String name) {
        Object value = claims.apply(name);
        String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
        return Optional.ofNullable(text).map(String::strip).filter(s -> !s.isEmpty());
    }

    public boolean hasRole(String role) {
        return roles.test(role);
    }

    public Optional<String> tenant() {
        return claim(TENANT_CLAIM);
    }

    /** The token's tenant; a token without one may not act on tenant data (403). */
    public String ownTenant() {
        return tenant().orElseThrow(() -> ApiException.forbidden("Your token has no tenant claim, so it cannot be used"
                + " for tenant data. Ask your administrator to check your account."));
    }

    /** The caller's login (issuer and subject), the stable identity an enrolment is bound to; without them, 403. */
    public LinkedLogin login() {
        Optional<String> issuer = claim(ISSUER_CLAIM);
        Optional<String> subject = claim(SUBJECT_CLAIM);
        if (issuer.isEmpty() || subject.isEmpty()) {
            throw ApiException.forbidden("Your token names no issuer and subject, so Calroute cannot tell which"
                    + " employee you are.");
        }
        return new LinkedLogin(issuer.get(), subject.get());
    }

    /** Only the caller's own tenant; another tenant's id gets the 404 an unknown id would get. */
    public void requireOwnTenant(String tenantId) {
        if (!ownTenant().equals(tenantId)) {
            throw ApiException.notFoundForCaller("There is no tenant '" + tenantId + "'.");
        }
    }

    /** Lets operators through; anyone else only to their own tenant, else a 404 as if the tenant did not exist. */
    public void requireTenantAccess(String tenantId) {
        if (!hasRole(Roles.OPERATOR)) {
            requireOwnTenant(tenantId);
        }
    }
}
