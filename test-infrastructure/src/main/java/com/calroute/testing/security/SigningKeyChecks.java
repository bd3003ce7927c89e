package com.calroute.testing.security;

import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The signing-key rules every Calroute API service keeps (README, Security: Tokens), checked the same way in each
 * service's own {@code @QuarkusTest} against its own realm stand-in. The bounds come from the service's configuration
 * ({@code quarkus.oidc.token.forced-jwk-refresh-interval}, {@code calroute.oidc.jwks-refresh-interval}).
 */
public final class SigningKeyChecks {

    /** Enough unknown kids that one JWKS fetch each would dwarf any bound. */
    private static final int UNKNOWN_KEY_TOKENS = 200;

    private SigningKeyChecks() {
    }

    /**
     * Sends tokens naming {@value #UNKNOWN_KEY_TOKENS} random unknown kids: each must be refused (401), and the JWKS
     * fetched at most once per forced-refresh interval that passed meanwhile (every refresh, forced or scheduled,
     * waits for that interval since the one before), plus one already under way.
     *
     * @param tokenNamingKey a token the service would accept but for its {@code kid}, which it names
     * @param statusOf       the HTTP status of an authenticated request with that bearer token
     */
    public static void assertUnknownKeysCostBoundedJwksFetches(IntSupplier jwksFetches,
            Function<String, String> tokenNamingKey, ToIntFunction<String> statusOf) {
        Duration interval = configured("quarkus.oidc.token.forced-jwk-refresh-interval");
        int fetchesBefore = jwksFetches.getAsInt();
        long started = System.nanoTime();
        for (int i = 0; i < UNKNOWN_KEY_TOKENS; i++) {
            assertEquals(401, statusOf.applyAsInt(tokenNamingKey.apply("unknown-" + UUID.randomUUID())),
                    "a token naming an unknown kid");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        long bound = 2 + elapsed.toMillis() / interval.toMillis();
        int fetches = jwksFetches.getAsInt() - fetchesBefore;
        assertTrue(fetches <= bound, UNKNOWN_KEY_TOKENS + " unknown kids in " + elapsed + " made " + fetches
                + " JWKS fetches; at most " + bound + " allowed with a forced-refresh interval of " + interval);
    }

    /**
     * A token signed by a key new to the realm is accepted within the forced-refresh interval (at once unless the
     * keys were just refreshed); once the key is removed from the JWKS, the token is refused (401) within the
     * scheduled refresh interval plus the forced-refresh interval.
     */
    public static void assertARemovedKeyStopsBeingTrusted(String tokenOfNewKey, Runnable removeKey,
            ToIntFunction<String> statusOf) {
        Duration forced = configured("quarkus.oidc.token.forced-jwk-refresh-interval");
        Duration scheduled = configured("calroute.oidc.jwks-refresh-interval");
        awaitStatus(tokenOfNewKey, statusOf, forced.plusSeconds(5), false);
        removeKey.run();
        awaitStatus(tokenOfNewKey, statusOf, scheduled.plus(forced).plusSeconds(5), true);
    }

    private static void awaitStatus(String token, ToIntFunction<String> statusOf, Duration within, boolean refused) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            int status = statusOf.applyAsInt(token);
            if ((status == 401) == refused) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("still " + status + " after " + within + (refused ? "; the removed key is still trusted"
                        : "; the new key was not picked up"));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Duration configured(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, Duration.class)
                .orElseGet(() -> fail(key + " is not set: the service does not follow the oidc-keys rules"));
    }
}
