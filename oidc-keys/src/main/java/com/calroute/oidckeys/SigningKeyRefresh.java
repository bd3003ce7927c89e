package com.calroute.oidckeys;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Re-reads the realm's signing keys every {@code calroute.oidc.jwks-refresh-interval} ({@link SigningKeysConfig}), so that a key removed from the
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

    SigningKeyRefresh(TenantIdentityProvider defaultTenant, SigningKeysConfig config) {
        this.defaultTenant = defaultTenant;
        // The mapping also validates the interval the schedule below reads: a value that is no duration fails start.
        LOG.debugf("signing keys re-read every %s", config.jwksRefreshInterval());
    }

    /** Makes Quarkus re-fetch the JWKS unless it did within the forced-refresh interval. */
    @Scheduled(every = "${calroute.oidc.jwks-refresh-interval}", delayed = "${calroute.oidc.jwks-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        defaultTenant.authenticate(new AccessTokenCredential(UNKNOWN_KEY_TOKEN)).subscribe().with(
                identity -> LOG.warn("a token naming no realm key was accepted; signing keys are not being checked"),
                refused -> LOG.debug("signing keys refreshed"));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
