package com.calroute.routing.identity;

import com.calroute.routing.RoutingConfig;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;

/**
 * Bearer tokens checked once by quarkus-oidc, then trusted again until they expire, for at most
 * {@code calroute.auth.verified-token-ttl}. Call control sends thousands of lookups a second with one access token;
 * checking its RS256 signature and parsing its claims again on every one was about a third of a lookup's CPU and half
 * of what it allocated, and the garbage's collections were what the lookups' tail waited for.
 *
 * <p>Nothing is let in that quarkus-oidc would refuse, but for one case: a token whose signing key the realm withdrew
 * is trusted for up to one TTL longer (5 s by default, so a removed key still stops working within the promised
 * 5 minutes). A token is remembered only after quarkus-oidc accepted it (a refusal is never remembered), never past
 * its own {@code exp}, and by its exact text, so a changed byte is a new token that is checked in full. One check per
 * token per TTL costs nothing at thousands of lookups a second. routing has one OIDC tenant, so the token alone is the
 * key; a second tenant with other rules would have to be part of it.
 *
 * <p>A request whose token is trusted is answered before quarkus-oidc's mechanism decodes the token
 * ({@link TrustedTokenMechanism}, from this same trust); this provider trusts tokens and answers the rest.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private final OidcIdentityProvider oidc;
    private final Clock clock;
    private final TrustedTokens<SecurityIdentity> trusted;

    VerifiedTokens(OidcIdentityProvider oidc, Clock clock, RoutingConfig config) {
        this.oidc = oidc;
        this.clock = clock;
        this.trusted = new TrustedTokens<>(clock, config.auth().verifiedTokenTtl(), config.auth().verifiedTokenCapacity());
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before quarkus-oidc's own provider, which it calls itself for every token it does not trust yet. */
    @Override
    public int priority() {
        return oidc.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        SecurityIdentity known = token == null ? null
                : trustedIdentity(token, HttpSecurityUtils.getRoutingContextAttribute(request));
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long checkedAt = clock.millis();
        return oidc.authenticate(request, context).invoke(identity -> {
            if (token != null && identity != null && identity.getPrincipal() instanceof JsonWebToken jwt
                    && jwt.getExpirationTime() > 0) {
                // Kept without the request it was checked on: the cache must hold no request past its end.
                trusted.trust(token, forThisRequest(identity, null), jwt.getExpirationTime(), checkedAt);
            }
        });
    }

    /**
     * The identity quarkus-oidc gave {@code token} when it accepted it, for {@code request}, while the token is trusted;
     * null when it must be checked again.
     */
    SecurityIdentity trustedIdentity(String token, RoutingContext request) {
        SecurityIdentity known = trusted.get(token);
        return known == null ? null : forThisRequest(known, request);
    }

    /** The identity with {@code request} as its routing context, as quarkus-oidc would have built it for that request. */
    private static SecurityIdentity forThisRequest(SecurityIdentity identity, RoutingContext request) {
        return QuarkusSecurityIdentity.builder(identity).addAttribute(RoutingContext.class.getName(), request).build();
    }
}
