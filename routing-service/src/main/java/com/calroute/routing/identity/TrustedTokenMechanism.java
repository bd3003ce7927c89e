package com.calroute.routing.identity;

import io.quarkus.oidc.runtime.OidcConfig;
import io.quarkus.oidc.runtime.OidcTenantConfig;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * Answers a request whose bearer token {@link VerifiedTokens} already trusts before quarkus-oidc's mechanism sees it;
 * every other request goes on to quarkus-oidc's mechanism as if this one did not exist.
 *
 * <p>Why: quarkus-oidc's mechanism builds an {@code AccessTokenCredential} for every request before any identity
 * provider is asked, and that decodes the token's payload to JSON (about 8 % of a lookup's time on the request
 * thread) even when {@link VerifiedTokens} then answers from its trust without looking at it. Here the token is taken
 * from the header exactly as quarkus-oidc takes it (the first {@code Authorization} header; the scheme up to the first
 * space, {@code Bearer} in any case; the rest, untrimmed, is the token) and looked up by that exact text, so only a
 * token quarkus-oidc accepted is ever answered here, with the identity quarkus-oidc built for it. A token not trusted
 * (never seen, changed by a byte, past its TTL or its {@code exp}), a missing or other header: nothing here, and
 * quarkus-oidc checks it in full and sends its own challenge.
 *
 * <p>This holds only while quarkus-oidc would read the token the same way and the provider's identity is the final
 * one: a service application with bearer tokens in the {@code Authorization} header, not bound to a client certificate,
 * and no {@link SecurityIdentityAugmentor} (the identity manager would run it, this shortcut would not). Otherwise the
 * mechanism stands aside for good (logged once at start).
 */
@ApplicationScoped
public class TrustedTokenMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(TrustedTokenMechanism.class);
    private static final String SCHEME = "Bearer";
    private static final Uni<SecurityIdentity> NOT_TRUSTED = Uni.createFrom().nullItem();
    private static final Uni<ChallengeData> QUARKUS_OIDC_CHALLENGES = Uni.createFrom().nullItem();

    private final VerifiedTokens verified;
    private final int priority;
    private final boolean active;

    TrustedTokenMechanism(VerifiedTokens verified, OidcConfig oidc, Instance<SecurityIdentityAugmentor> augmentors) {
        this.verified = verified;
        this.priority = oidc.priority() + 1;
        String standAsideBecause = !readsTokensLikeThisMechanism(OidcConfig.getDefaultTenant(oidc))
                ? "quarkus-oidc's default tenant does not take plain bearer tokens from the Authorization header"
                : augmentors.iterator().hasNext() ? "a SecurityIdentityAugmentor is installed" : null;
        this.active = standAsideBecause == null;
        if (!active) {
            LOG.infof("Every bearer token is checked by quarkus-oidc's mechanism: %s", standAsideBecause);
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!active) {
            return NOT_TRUSTED;
        }
        String token = bearerToken(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        SecurityIdentity identity = token == null ? null : verified.trustedIdentity(token, context);
        return identity == null ? NOT_TRUSTED : Uni.createFrom().item(identity);
    }

    /** None of its own: a request that needs a challenge gets quarkus-oidc's. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return QUARKUS_OIDC_CHALLENGES;
    }

    /** Ahead of quarkus-oidc's mechanism, so a trusted token never reaches it. */
    @Override
    public int getPriority() {
        return priority;
    }

    /**
     * The token in an {@code Authorization} header value, as quarkus-oidc's bearer mechanism reads it; null when the
     * value carries no bearer token.
     */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space != SCHEME.length() || !authorization.regionMatches(true, 0, SCHEME, 0, space)) {
            return null;
        }
        return authorization.substring(space + 1);
    }

    /** Whether quarkus-oidc takes this tenant's tokens from where, and in the form, {@link #bearerToken} reads them. */
    static boolean readsTokensLikeThisMechanism(OidcTenantConfig tenant) {
        return tenant != null && tenant.tenantEnabled()
                && tenant.applicationType().orElse(OidcTenantConfig.ApplicationType.SERVICE)
                        == OidcTenantConfig.ApplicationType.SERVICE
                && tenant.token().header().isEmpty()
                && SCHEME.equalsIgnoreCase(tenant.token().authorizationScheme())
                && !tenant.token().binding().certificate();
    }
}
