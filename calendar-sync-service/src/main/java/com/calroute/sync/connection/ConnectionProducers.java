package com.calroute.sync.connection;

import com.calroute.sync.config.SyncConfig;
import com.calroute.sync.contract.Intake;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tenants directory (calroute.tenants.v1) and the connections fetched from config-service through the
 * {@link ConfigServiceApi} REST Client, whose OIDC client filter adds this service's client-credentials token.
 */
@ApplicationScoped
public class ConnectionProducers {

    @Produces
    @Singleton
    TenantDirectory tenants(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper mapper,
                            Intake intake) {
        return new TenantDirectory(Map.copyOf(kafka), mapper, intake);
    }

    // Built here rather than configured under quarkus.rest-client.*: the time-out is the @ConfigMapping's ISO-8601
    // duration (CALROUTE_CONFIG_SERVICE_TIMEOUT=PT10S), which quarkus.rest-client.*-timeout (milliseconds) cannot
    // take. The @OidcClientFilter applies to a built client just the same.
    @Produces
    @Singleton
    ConnectionProvider connections(TenantDirectory tenants, SyncConfig config) {
        Duration timeout = config.configService().timeout();
        ConfigServiceApi configService = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.configService().url()))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .build(ConfigServiceApi.class);
        // As before: the token may take the time-out, and so may the call.
        return new ConnectionProvider(tenants, configService, timeout.multipliedBy(2));
    }
}
