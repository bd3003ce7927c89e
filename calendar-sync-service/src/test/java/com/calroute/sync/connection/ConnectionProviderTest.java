package com.calroute.sync.connection;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.connection.ConnectionProvider.ConnectionUnavailableException;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.PlainWords;
import com.calroute.sync.testsupport.Simulators;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClientException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How a failed call to config-service reaches the sync as a {@code Failure}: the REST Client's exceptions become the
 * same plain words (and kinds, which drive health and back-off) as before, a 404 means "not configured", and a
 * fetched connection is cached.
 */
class ConnectionProviderTest {

    // Never polled here: the consumer is only constructed, so nothing connects.
    private final TenantDirectory tenants = new TenantDirectory(Map.of("bootstrap.servers", "127.0.0.1:1"),
            new ObjectMapper(), null);

    @AfterEach
    void close() {
        tenants.close();
    }

    @Test
    void aMissingConnectionIsNotConfigured() {
        ConnectionProvider provider = provider(id -> Uni.createFrom().failure(new WebApplicationException(404)));
        assertThat(failureOf(provider)).isEqualTo(PlainWords.notConfigured().message());
    }

    @Test
    void anErrorOrNoAnswerFromConfigServiceIsUnavailableAndRetried() {
        for (RuntimeException thrown : new RuntimeException[] {new WebApplicationException(503),
                new WebApplicationException(401), new ProcessingException(new ConnectException("refused"))}) {
            ConnectionProvider provider = provider(id -> Uni.createFrom().failure(thrown));
            ConnectionUnavailableException e = catchThrowableOfType(ConnectionUnavailableException.class,
                    () -> provider.get("acme"));
            assertThat(e.failure().kind()).isEqualTo(FailureKind.UNAVAILABLE);
            assertThat(e.failure().kind().transientFault()).isTrue();
            assertThat(e.getMessage()).contains("did not hand out the Exchange settings");
        }
        assertThat(failureOf(provider(id -> Uni.createFrom().nullItem()))).contains("did not hand out");
    }

    @Test
    void aFailedSignInSaysSo() {
        // The filter fails the call with the OIDC client's exception (seen raw from Quarkus' REST Client); wrapped
        // too; and a token request that hangs outlasts the limit.
        OidcClientException refused = new OidcClientException("invalid_client");
        for (Uni<ExchangeConnection> answer : List.of(Uni.createFrom().<ExchangeConnection>failure(refused),
                Uni.createFrom().<ExchangeConnection>failure(new ProcessingException(refused)),
                Uni.createFrom().<ExchangeConnection>nothing())) {
            ConnectionProvider provider = provider(id -> answer);
            ConnectionUnavailableException e = catchThrowableOfType(ConnectionUnavailableException.class,
                    () -> provider.get("acme"));
            assertThat(e.failure().kind()).isEqualTo(FailureKind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("could not sign in to its own configuration service")
                    .doesNotContain("invalid_client");
        }
    }

    @Test
    void aFetchedConnectionIsCached() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ExchangeConnection connection = Simulators.connection("acme", "https://mail.acme.no/ews/exchange.asmx",
                "svc", "secret", 1, null);
        ConnectionProvider provider = provider(id -> {
            calls.incrementAndGet();
            return Uni.createFrom().item(connection);
        });
        assertThat(provider.get("acme")).isEqualTo(connection);
        assertThat(provider.get("acme")).isEqualTo(connection);
        assertThat(calls).hasValue(1);
        assertThat(provider.cached("acme")).isEqualTo(connection);
    }

    private ConnectionProvider provider(ConfigServiceApi configService) {
        return new ConnectionProvider(tenants, configService, Duration.ofMillis(300));
    }

    private static String failureOf(ConnectionProvider provider) {
        return catchThrowableOfType(ConnectionUnavailableException.class, () -> provider.get("acme")).getMessage();
    }
}
