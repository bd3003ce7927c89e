package com.calroute.ewssim;

import com.calroute.ewssim.auth.Md4;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.exception.http.HttpErrorException;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.search.CalendarView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Authentication as ews-java-api performs it: NTLM (Apache HttpClient's NTLMv2, which it prefers) with Basic
 * switched off, Basic with NTLM switched off, and the domain check of DOMAIN-qualified user names.
 */
class AuthenticationTest {
    private EwsSimulator simulator;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        simulator.control().updateServer(Map.of("basicEnabled", false));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static void week(ExchangeService service) throws Exception {
        service.findAppointments(new FolderId(WellKnownFolderName.Calendar, new Mailbox(SimulatorFixture.KARI)),
                new CalendarView(Date.from(Instant.parse("2026-12-01T00:00:00Z")), Date.from(Instant.parse("2026-12-08T00:00:00Z"))));
    }

    @Test
    void md4MatchesTheRfcTestVectors() {
        assertThat(HexFormat.of().formatHex(Md4.digest(new byte[0]))).isEqualTo("31d6cfe0d16ae931b73c59d7e0c089c0");
        assertThat(HexFormat.of().formatHex(Md4.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("a448017aaf21d8525fc10ae87aa6729d");
        assertThat(HexFormat.of().formatHex(Md4.digest(
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("e33b4ddc9c38f2199c3e7b164fcc0536");
    }

    @Test
    void ewsJavaApiAuthenticatesWithNtlmAndTheConnectionStaysAuthenticated() throws Exception {
        ExchangeService service = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                SimulatorFixture.PASSWORD, "ACME", SimulatorFixture.KARI);

        week(service);
        week(service);

        assertThat(simulator.control().requests(SimulatorFixture.ACCOUNT, SimulatorFixture.KARI, "FindItem")).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.httpStatus()).isEqualTo(200));
    }

    @Test
    void withNtlmOffEwsJavaApiAuthenticatesWithBasic() throws Exception {
        simulator.control().updateServer(Map.of("basicEnabled", true, "ntlmEnabled", false));

        week(EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD, "ACME",
                SimulatorFixture.KARI));

        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.httpEwsUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"localhost\"");
        assertThat(simulator.control().requests(SimulatorFixture.ACCOUNT, SimulatorFixture.KARI, "FindItem")).hasSize(1);
    }

    @Test
    void aDomainOtherThanTheAccountsIsRefused() {
        ExchangeService otherDomain = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                SimulatorFixture.PASSWORD, "OTHER", SimulatorFixture.KARI);
        ExchangeService dnsDomain = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                SimulatorFixture.PASSWORD, "acme.example", SimulatorFixture.KARI);

        assertThat(catchThrowable(() -> week(otherDomain))).isNotNull();
        assertThat(catchThrowable(() -> week(dnsDomain))).isNull();
    }

    @Test
    void aWrongPasswordFailsTheNtlmHandshake() throws Exception {
        ExchangeService service = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, "wrong",
                "ACME", SimulatorFixture.KARI);

        Throwable thrown = catchThrowable(() -> week(service));

        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(HttpErrorException.class);
        assertThat(((HttpErrorException) root).getHttpErrorCode()).isEqualTo(401);
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.httpEwsUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.headers().allValues("WWW-Authenticate")).containsExactly("NTLM");
    }
}
