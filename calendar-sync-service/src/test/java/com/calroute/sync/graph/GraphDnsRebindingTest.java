package com.calroute.sync.graph;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.sync.ews.EndpointResolver;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * DNS rebinding against the Graph client: a tenant's Graph or login host name first resolves to a public address,
 * which passes the SSRF rule, and then to an internal one. The client must connect only to addresses it checked, so
 * the internal service (a loopback listener here, which the rule does not allow) is never connected to.
 */
class GraphDnsRebindingTest {

    private static final InetAddress PUBLIC = address(20, 190, 151, 68);

    @Test
    void aHostWhoseAnswerTurnsPrivateAfterTheCheckIsNeverConnectedTo() throws Exception {
        try (ServerSocket internal = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // "localhost" so that a client resolving the name again by itself would reach the listener.
            String hostPort = "localhost:" + internal.getLocalPort();
            AtomicInteger lookups = new AtomicInteger();
            EndpointResolver.HostLookup rebinding = host -> new InetAddress[] {
                    lookups.getAndIncrement() == 0 ? PUBLIC : InetAddress.getLoopbackAddress()};
            // Plain http is allowed for this host:port so the test needs no TLS; a private address is not.
            GraphClient client = new GraphClient(new EndpointResolver(Set.of(), Set.of(hostPort), rebinding),
                    Duration.ofSeconds(1), Duration.ofSeconds(2), Clock.systemUTC(), duration -> { });

            GraphException refused = tokenFailure(client, "http://" + hostPort);

            // A connection the client made would be waiting in the listener's backlog by now.
            internal.setSoTimeout(200);
            try (Socket connected = internal.accept()) {
                fail("the client connected to the internal address " + connected.getInetAddress());
            } catch (SocketTimeoutException expected) {
                // nobody connected
            }
            assertThat(refused.code()).isEqualTo("BlockedAddress");
        }
    }

    private static GraphException tokenFailure(GraphClient client, String base) {
        ExchangeConnection connection = new ExchangeConnection("rebind", ConnectionKind.GRAPH, 1, null, null, null,
                null, null, "5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "0c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5",
                "secret", null, base, base, null);
        try {
            client.token(connection);
        } catch (GraphException e) {
            return e;
        }
        throw new AssertionError("the token request succeeded");
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
