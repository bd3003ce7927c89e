package com.calroute.oidckeys;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Re-reads the realm's signing keys every {@code calroute.oidc.jwks-refresh-interval}, so that a key removed from the
 * realm stops being trusted within that interval plus {@code quarkus.oidc.token.forced-jwk-refresh-interval}.
 * <p>
 * Quarkus OIDC (3.33) holds the realm's whole JWKS ({@code quarkus.oidc.jwks.resolve-early=true}) and fetches it again
 * only when a token names a {@code kid} it does not hold, and then at most once per forced-refresh interval: every
 * other token with an unknown {@code kid} is refused without a fetch. It has no scheduled refresh and no public
 * refresh call, so on schedule this bean hands the default tenant a token naming a {@code kid} that no realm has:
 * Quarkus re-fetches the JWKS (through the same rate limit) and refuses the token.
 */
@ApplicationScoped
public class SigningKeyRefresh {

    private static final Logger LOG = Logger.getLogger(SigningKeyRefresh.class);
    /** A JWS naming a key no realm publishes; its payload and signature are never looked at. */
    static final String UNKNOWN_KEY_TOKEN = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"calroute-jwks-refresh\"}")
            + "." + encode("{}") + ".AA";

    private final TenantIdentityProvider defaultTenant;
    private final Vertx vertx;
    private final SigningKeysConfig config;

    SigningKeyRefresh(TenantIdentityProvider defaultTenant, Vertx vertx, SigningKeysConfig config) {
        this.defaultTenant = defaultTenant;
        this.vertx = vertx;
        this.config = config;
    }

    void schedule(@Observes StartupEvent event) {
        long period = config.jwksRefreshInterval().toMillis();
        vertx.setPeriodic(period, period, timer -> refresh());
    }

    /** Makes Quarkus re-fetch the JWKS unless it did within the forced-refresh interval. */
    void refresh() {
        defaultTenant.authenticate(new AccessTokenCredential(UNKNOWN_KEY_TOKEN)).subscribe().with(
                identity -> LOG.warn("a token naming no realm key was accepted; signing keys are not being checked"),
                refused -> LOG.debug("signing keys refreshed"));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
