package com.calroute.sync.ews;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ConnectionTestStep;
import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.testing.net.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static com.calroute.sync.testsupport.Simulators.ACCOUNT;
import static com.calroute.sync.testsupport.Simulators.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** Every step of the live connection check, forced to fail one at a time against the simulator, then OK. */
class ConnectionTesterTest {

    private static final String KARI = "kari@acme.example";
    private static EwsSimulator sim;
    private static ConnectionTester tester;
    private static int closedPort;

    @BeforeAll
    static void start() throws IOException {
        sim = Simulators.start("Exchange2013_SP1");
        Simulators.account(sim, ACCOUNT, PASSWORD, true);
        Simulators.account(sim, "svc-noimp", PASSWORD, false);
        Simulators.mailbox(sim, KARI);
        closedPort = FreePorts.any();
        String http = Simulators.hostPort(sim.httpEwsUrl());
        String https = Simulators.hostPort(sim.httpsEwsUrl());
        EndpointResolver guard = new EndpointResolver(Set.of(http, https, "127.0.0.1:" + closedPort),
                Set.of(http, "127.0.0.1:" + closedPort));
        tester = new ConnectionTester(new EwsClientFactory(guard, Duration.ofSeconds(2), Duration.ofSeconds(10)),
                Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static ConnectionTestResult test(String url, String user, String password, String ca, String mailbox) {
        ConnectionTestResult result = tester.test(Simulators.connection("acme", url, user, password, 1, ca), mailbox);
        System.out.printf("connection test -> %s %s: %s%n", result.ok() ? "ok" : "failed", result.step(), result.message());
        return result;
    }

    @Test
    void dns() {
        ConnectionTestResult result = test("https://no-such-host.invalid/EWS/Exchange.asmx", ACCOUNT, PASSWORD, null, KARI);
        assertThat(result.ok()).isFalse();
        assertThat(result.step()).isEqualTo(ConnectionTestStep.DNS);
        assertThat(result.message()).contains("no-such-host.invalid");
        assertThat(result.code()).isEqualTo("dns-not-found");
        assertThat(result.params()).containsEntry("host", "no-such-host.invalid").containsEntry("mailbox", KARI);
    }

    @Test
    void connect() {
        ConnectionTestResult result = test("http://127.0.0.1:" + closedPort + "/EWS/Exchange.asmx", ACCOUNT, PASSWORD,
                null, KARI);
        assertThat(result.step()).isEqualTo(ConnectionTestStep.CONNECT);
        assertThat(result.message()).contains("Cannot connect");
        assertThat(result.code()).isEqualTo("connection-refused");
        assertThat(result.params()).containsEntry("host", "127.0.0.1");
    }

    @Test
    void privateAddressWithoutAllowanceIsRefusedBeforeConnecting() {
        ConnectionTestResult result = test("https://127.0.0.2:" + closedPort + "/EWS/Exchange.asmx", ACCOUNT, PASSWORD,
                null, KARI);
        assertThat(result.step()).isEqualTo(ConnectionTestStep.CONNECT);
        assertThat(result.message()).contains("private or local");
        assertThat(result.code()).isEqualTo("blocked-address");
        assertThat(result.params()).containsEntry("address", "127.0.0.2");
    }

    /** Addresses only config-service's old rule refused (IPv4-compatible) or neither old rule did (NAT64). */
    @ParameterizedTest
    @ValueSource(strings = {"[::127.0.0.1]", "[::10.0.0.1]", "[64:ff9b::127.0.0.1]", "[64:ff9b::169.254.169.254]"})
    void ipv6AddressesThatEmbedAPrivateIpv4AreRefusedBeforeConnecting(String host) {
        ConnectionTestResult result = test("https://" + host + ":" + closedPort + "/EWS/Exchange.asmx", ACCOUNT,
                PASSWORD, null, KARI);
        assertThat(result.step()).isEqualTo(ConnectionTestStep.CONNECT);
        assertThat(result.message()).contains("private or local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x7f000001", "017700000001", "0177.0.0.1", "2130706433", "127.1", "localhost."})
    void nonCanonicalHostSpellingsAreRefusedWithoutALookup(String host) {
        ConnectionTestResult result = test("https://" + host + ":" + closedPort + "/EWS/Exchange.asmx", ACCOUNT,
                PASSWORD, null, KARI);
        assertThat(result.ok()).isFalse();
        assertThat(result.step()).isEqualTo(ConnectionTestStep.CONNECT);
        assertThat(result.message()).startsWith("The EWS URL must").contains(host);
    }

    @Test
    void tls() {
        ConnectionTestResult result = test(sim.httpsEwsUrl(), ACCOUNT, PASSWORD, null, KARI);
        assertThat(result.step()).isEqualTo(ConnectionTestStep.TLS);
        assertThat(result.message()).contains("not trusted");
        assertThat(result.code()).isEqualTo("tls-untrusted");
        assertThat(result.params()).containsKey("reason");
    }

    @Test
    void auth() {
        ConnectionTestResult result = test(sim.httpsEwsUrl(), ACCOUNT, "not-the-password", sim.certificatePem(), KARI);
        assertThat(result.step()).isEqualTo(ConnectionTestStep.AUTH);
        assertThat(result.message()).contains(ACCOUNT).doesNotContain("not-the-password");
        assertThat(result.code()).isEqualTo("unauthorized");
        assertThat(result.params().values()).doesNotContain("not-the-password");
    }

    @Test
    void impersonation() {
        ConnectionTestResult result = test(sim.httpEwsUrl(), "svc-noimp", PASSWORD, null, KARI);
        assertThat(result.step()).isEqualTo(ConnectionTestStep.IMPERSONATION);
        assertThat(result.message()).contains("may not impersonate " + KARI);
        assertThat(result.code()).isEqualTo("impersonation-denied");
        assertThat(result.params()).containsEntry("mailbox", KARI);
    }

    @Test
    void mailbox() {
        ConnectionTestResult result = test(sim.httpEwsUrl(), ACCOUNT, PASSWORD, null, "nobody@acme.example");
        assertThat(result.step()).isEqualTo(ConnectionTestStep.MAILBOX);
        assertThat(result.message()).contains("nobody@acme.example");
        assertThat(result.code()).isEqualTo("mailbox-not-found");
    }

    @Test
    void okOverVerifiedTlsReportsTheServerVersion() {
        ConnectionTestResult result = test(sim.httpsEwsUrl(), ACCOUNT, PASSWORD, sim.certificatePem(), KARI);
        assertThat(result.ok()).isTrue();
        assertThat(result.step()).isEqualTo(ConnectionTestStep.OK);
        assertThat(result.serverVersion()).isEqualTo("Exchange2013_SP1");
        assertThat(result.code()).isEqualTo("ok");
        assertThat(result.params()).containsEntry("mailbox", KARI);
    }

    @Test
    void anXxeAnswerFailsTheTestWithoutHarm() {
        sim.control().addFault(Map.of("account", ACCOUNT, "kind", "XXE", "count", 1));
        ConnectionTestResult result = test(sim.httpEwsUrl(), ACCOUNT, PASSWORD, null, KARI);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("document type declaration");
        assertThat(result.code()).isEqualTo("unsafe-answer");
        sim.control().clearFaults();
    }
}
