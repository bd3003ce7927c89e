package com.calroute.sync.ews;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.plan.SyncWindow;
import com.calroute.sync.testsupport.Simulators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static com.calroute.sync.testsupport.Simulators.ACCOUNT;
import static com.calroute.sync.testsupport.Simulators.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * NTLM authenticates a TCP connection, not a client (MS-NTHT; IIS keeps the context per keep-alive connection), so a
 * service whose connection was closed must run the handshake again on its next connection rather than rely on the
 * state its HTTP context kept from the first one. The simulator ties NTLM to the connection as IIS does, and a
 * restarted simulator knows no connection at all, so only a client that authenticates the new connection is served.
 */
class NtlmReconnectTest {
    private static final String KARI = "kari@acme.example";
    /** A little over the pool's validate-after-inactivity (2 s): the dead connection is then detected, not reused. */
    private static final Duration PAST_POOL_VALIDATION = Duration.ofMillis(2_500);

    private EwsSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    private static EwsSimulator seeded(EwsSimulator sim) {
        Simulators.account(sim, ACCOUNT, PASSWORD, true);
        Simulators.mailbox(sim, KARI);
        return sim;
    }

    @Test
    void aServiceAuthenticatesItsNextConnectionAfterTheServerClosedTheFirst() throws Exception {
        sim = seeded(EwsSimulator.builder().httpPort(0).start());
        int port = sim.httpPort();
        String hostPort = Simulators.hostPort(sim.httpEwsUrl());
        EwsClientFactory factory = new EwsClientFactory(new EndpointResolver(Set.of(hostPort), Set.of(hostPort)),
                Duration.ofSeconds(3), Duration.ofSeconds(10));
        ExchangeConnection connection = Simulators.httpConnection("acme", sim, 1);
        SyncWindow window = SyncWindow.around(Instant.now(), Duration.ofDays(1), Duration.ofDays(14));

        try (HardenedExchangeService service = factory.create(connection)) {
            EwsClientFactory.impersonate(service, KARI, KARI);
            new CalendarReader(100).read(service, EwsCalls.DIRECT, window, false);
            assertThat(sim.control().requests(ACCOUNT, KARI, "FindItem")).singleElement()
                    .satisfies(entry -> assertThat(entry.httpStatus()).isEqualTo(200));

            sim.close();
            sim = seeded(EwsSimulator.builder().httpPort(port).start());
            Thread.sleep(PAST_POOL_VALIDATION.toMillis());

            new CalendarReader(100).read(service, EwsCalls.DIRECT, window, false);
        }

        assertThat(sim.control().requests(ACCOUNT, KARI, "FindItem")).singleElement()
                .satisfies(entry -> assertThat(entry.httpStatus()).isEqualTo(200));
    }
}
