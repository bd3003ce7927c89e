package com.calroute.routing.support;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, by token, the access tokens quarkus-oidc's mechanism decoded into a credential and handed to the identity
 * providers, and passes each on untouched: asked before every other provider, it decides nothing.
 */
@ApplicationScoped
public class OidcTokenChecks implements IdentityProvider<TokenAuthenticationRequest> {

    private final ConcurrentHashMap<String, AtomicInteger> checks = new ConcurrentHashMap<>();

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (request.getToken() instanceof AccessTokenCredential credential && credential.getToken() != null) {
            checks.computeIfAbsent(credential.getToken(), token -> new AtomicInteger()).incrementAndGet();
        }
        return Uni.createFrom().nullItem();
    }

    /** How often quarkus-oidc's mechanism handed this exact token on. */
    public int of(String token) {
        AtomicInteger count = checks.get(token);
        return count == null ? 0 : count.get();
    }
}
