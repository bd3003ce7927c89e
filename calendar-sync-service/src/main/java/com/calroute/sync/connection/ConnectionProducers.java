package com.calroute.sync.connection;

import com.calroute.sync.config.SyncConfig;
import com.calroute.sync.contract.Intake;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The tenants directory (calroute.tenants.v1) and the connections fetched from config-service with this service's
 * client-credentials token, renewed before it expires.
 */
@ApplicationScoped
public class ConnectionProducers {

    @Produces
    @Singleton
    TenantDirectory tenants(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper mapper,
                            Intake intake) {
        return new TenantDirectory(Map.copyOf(kafka), mapper, intake);
    }

    @Produces
    @Singleton
    ConnectionProvider connections(TenantDirectory tenants, OidcClient oidc, ObjectMapper mapper, SyncConfig config) {
        return new ConnectionProvider(tenants, accessTokens(oidc, config), mapper, config.configService().url(),
                config.configService().timeout());
    }

    private static Supplier<String> accessTokens(OidcClient oidc, SyncConfig config) {
        AtomicReference<Tokens> tokens = new AtomicReference<>();
        return () -> {
            Tokens current = tokens.get();
            if (current == null || current.isAccessTokenExpired() || current.isAccessTokenWithinRefreshInterval()) {
                current = oidc.getTokens().await().atMost(config.configService().timeout());
                tokens.set(current);
            }
            return current.getAccessToken();
        };
    }
}
