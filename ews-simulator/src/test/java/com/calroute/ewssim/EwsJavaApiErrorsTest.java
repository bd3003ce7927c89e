package com.calroute.ewssim;

import com.calroute.ewssim.control.Specs;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.exception.http.HttpErrorException;
import microsoft.exchange.webservices.data.core.exception.service.local.ServiceVersionException;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceRequestException;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.search.CalendarView;
import microsoft.exchange.webservices.data.search.FindItemsResults;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** ews-java-api reads every error the simulator produces as the ServiceError (or HTTP error) Exchange would give. */
class EwsJavaApiErrorsTest {
    private EwsSimulator simulator;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private ExchangeService as(String mailbox) {
        return EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD, "ACME", mailbox);
    }

    private static FindItemsResults<Appointment> week(ExchangeService service, String mailbox) throws Exception {
        return service.findAppointments(new FolderId(WellKnownFolderName.Calendar, new Mailbox(mailbox)),
                new CalendarView(Date.from(Instant.parse("2026-12-01T00:00:00Z")), Date.from(Instant.parse("2026-12-08T00:00:00Z"))));
    }

    /**
     * The ServiceError of a failed call. Message-level errors arrive as ServiceResponseException; SOAP faults
     * (throttling, impersonation) arrive as a ServiceRequestException whose cause is the ServiceResponseException,
     * which is how ews-java-api surfaces every Exchange fault.
     */
    private static ServiceError errorOf(Throwable thrown) {
        return responseException(thrown).getErrorCode();
    }

    private static ServiceResponseException responseException(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServiceResponseException response) {
                return response;
            }
        }
        throw new AssertionError("no ServiceResponseException in " + thrown, thrown);
    }

    @Test
    void calendarViewOverTwoYearsIsTooBig() {
        Throwable thrown = catchThrowable(() -> as(SimulatorFixture.KARI).findAppointments(
                new FolderId(WellKnownFolderName.Calendar, new Mailbox(SimulatorFixture.KARI)),
                new CalendarView(Date.from(Instant.parse("2026-01-01T00:00:00Z")), Date.from(Instant.parse("2028-01-02T00:00:00Z")))));
        assertThat(errorOf(thrown)).isEqualTo(ServiceError.ErrorCalendarViewRangeTooBig);
    }

    @Test
    void unknownMailboxIsANonExistentMailboxFault() {
        assertThat(errorOf(catchThrowable(() -> week(as("nobody@acme.example"), "nobody@acme.example"))))
                .isEqualTo(ServiceError.ErrorNonExistentMailbox);
        assertThat(simulator.control().requests(SimulatorFixture.ACCOUNT, null, "FindItem"))
                .anySatisfy(entry -> assertThat(entry.httpStatus()).isEqualTo(500));
    }

    @Test
    void impersonationNeedsAGrantForThatMailbox() {
        simulator.control().putAccount("limited", new Specs.AccountSpec(null, "pw", null, null, null, List.of(SimulatorFixture.KARI)));
        simulator.control().putAccount("nobody", new Specs.AccountSpec(null, "pw", null, null, null, null));

        ExchangeService limitedAsOla = EwsClients.impersonating(simulator.httpEwsUrl(), "limited", "pw", null, SimulatorFixture.OLA);
        ExchangeService limitedAsKari = EwsClients.impersonating(simulator.httpEwsUrl(), "limited", "pw", null, SimulatorFixture.KARI);
        ExchangeService noRight = EwsClients.impersonating(simulator.httpEwsUrl(), "nobody", "pw", null, SimulatorFixture.KARI);

        assertThat(errorOf(catchThrowable(() -> week(limitedAsOla, SimulatorFixture.OLA)))).isEqualTo(ServiceError.ErrorImpersonateUserDenied);
        assertThat(errorOf(catchThrowable(() -> week(noRight, SimulatorFixture.KARI)))).isEqualTo(ServiceError.ErrorImpersonationDenied);
        assertThat(catchThrowable(() -> week(limitedAsKari, SimulatorFixture.KARI))).isNull();
    }

    @Test
    void injectedServerBusyCarriesBackOffMilliseconds() throws Exception {
        simulator.control().addFault(Map.of("account", SimulatorFixture.ACCOUNT, "kind", "SERVER_BUSY", "backOffMs", 1234, "count", 1));

        Throwable thrown = catchThrowable(() -> week(as(SimulatorFixture.KARI), SimulatorFixture.KARI));

        assertThat(errorOf(thrown)).isEqualTo(ServiceError.ErrorServerBusy);
        assertThat(responseException(thrown).getResponse().getErrorDetails()).containsEntry("BackOffMilliseconds", "1234");
        assertThat(week(as(SimulatorFixture.KARI), SimulatorFixture.KARI).getItems()).isEmpty();
        assertThat(simulator.control().stats().get("svc-calroute")).containsEntry("serverBusy", 1L);
    }

    @Test
    void anEmptyAccountBudgetAnswersServerBusyUntilItRecharges() throws Exception {
        simulator.control().updateServer(Map.of("budgetScope", "ACCOUNT"));
        simulator.control().putAccount("ACME\\" + SimulatorFixture.ACCOUNT,
                new Specs.AccountSpec(null, SimulatorFixture.PASSWORD, null, 0.5, 1.0, List.of("*")));
        week(as(SimulatorFixture.KARI), SimulatorFixture.KARI);

        // The account pays for every mailbox it impersonates: Ola's first request finds the budget spent on Kari's.
        Throwable thrown = catchThrowable(() -> week(as(SimulatorFixture.OLA), SimulatorFixture.OLA));

        assertThat(errorOf(thrown)).isEqualTo(ServiceError.ErrorServerBusy);
        long backOff = Long.parseLong(responseException(thrown).getResponse().getErrorDetails().get("BackOffMilliseconds"));
        assertThat(backOff).isBetween(1L, 2000L);
        Thread.sleep(backOff + 50);
        assertThat(catchThrowable(() -> week(as(SimulatorFixture.OLA), SimulatorFixture.OLA))).isNull();
    }

    @Test
    void fromExchange2013AnImpersonatedRequestSpendsTheTargetMailboxsBudget() throws Exception {
        assertThat(simulator.control().server()).containsEntry("budgetScope", "TARGET_MAILBOX");
        simulator.control().updateServer(Map.of("budgetPerSecond", 0.5, "burst", 1.0));
        simulator.control().putAccount("other", new Specs.AccountSpec(null, "pw", null, null, null, List.of("*")));
        ExchangeService otherAsKari = EwsClients.impersonating(simulator.httpEwsUrl(), "other", "pw", null, SimulatorFixture.KARI);
        week(as(SimulatorFixture.KARI), SimulatorFixture.KARI);

        Throwable kariAgain = catchThrowable(() -> week(as(SimulatorFixture.KARI), SimulatorFixture.KARI));
        Throwable otherAccountAsKari = catchThrowable(() -> week(otherAsKari, SimulatorFixture.KARI));
        Throwable ola = catchThrowable(() -> week(as(SimulatorFixture.OLA), SimulatorFixture.OLA));

        assertThat(errorOf(kariAgain)).isEqualTo(ServiceError.ErrorServerBusy);
        // One copy of Kari's budget is shared by every account that impersonates her; Ola's is her own.
        assertThat(errorOf(otherAccountAsKari)).isEqualTo(ServiceError.ErrorServerBusy);
        assertThat(ola).isNull();
        assertThat(simulator.control().stats().get("svc-calroute")).containsEntry("serverBusy", 1L).containsEntry("requests", 3L);
        assertThat(simulator.control().stats().get("other")).containsEntry("serverBusy", 1L);
    }

    @Test
    void fromExchange2013AnAccountsOwnBudgetDoesNotLimitTheMailboxesItImpersonates() throws Exception {
        simulator.control().putAccount("ACME\\" + SimulatorFixture.ACCOUNT,
                new Specs.AccountSpec(null, SimulatorFixture.PASSWORD, null, 0.5, 1.0, List.of("*")));

        week(as(SimulatorFixture.KARI), SimulatorFixture.KARI);

        assertThat(catchThrowable(() -> week(as(SimulatorFixture.OLA), SimulatorFixture.OLA))).isNull();
        assertThat(catchThrowable(() -> week(as(SimulatorFixture.KARI), SimulatorFixture.KARI))).isNull();
    }

    @Test
    void moreConcurrentRequestsThanAllowedExceedTheConnectionCount() throws Exception {
        simulator.control().putAccount("ACME\\" + SimulatorFixture.ACCOUNT,
                new Specs.AccountSpec(null, SimulatorFixture.PASSWORD, 1, null, null, List.of("*")));
        simulator.control().addFault(Map.of("mailbox", SimulatorFixture.KARI, "kind", "LATENCY", "latencyMs", 3000, "count", 1));
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return week(as(SimulatorFixture.KARI), SimulatorFixture.KARI).getTotalCount();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The account has no stats until its first request arrives: the slow one may not have reached the server yet.
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> {
            Map<String, Object> stats = simulator.control().stats().get("svc-calroute");
            return stats != null && stats.get("inFlight") instanceof Number inFlight && inFlight.intValue() == 1;
        });

        assertThat(errorOf(catchThrowable(() -> week(as(SimulatorFixture.OLA), SimulatorFixture.OLA))))
                .isEqualTo(ServiceError.ErrorExceededConnectionCount);
        assertThat(slow.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(simulator.control().stats().get("svc-calroute")).containsEntry("maxConcurrentObserved", 1);
    }

    @Test
    void wrongPasswordIsA401WithExchangesChallenges() throws Exception {
        ExchangeService wrong = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, "wrong", "ACME", SimulatorFixture.KARI);

        Throwable thrown = catchThrowable(() -> week(wrong, SimulatorFixture.KARI));

        assertThat(thrown).isInstanceOf(ServiceRequestException.class).hasRootCauseInstanceOf(HttpErrorException.class);
        assertThat(((HttpErrorException) rootCause(thrown)).getHttpErrorCode()).isEqualTo(401);
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.httpEwsUrl()))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("svc-calroute:wrong".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.headers().allValues("WWW-Authenticate")).containsExactly("NTLM", "Basic realm=\"localhost\"");
    }

    @Test
    void injected503And401AreHttpErrors() {
        simulator.control().addFault(Map.of("account", SimulatorFixture.ACCOUNT, "kind", "HTTP_503", "count", 1));
        Throwable unavailable = catchThrowable(() -> week(as(SimulatorFixture.KARI), SimulatorFixture.KARI));
        assertThat(((HttpErrorException) rootCause(unavailable)).getHttpErrorCode()).isEqualTo(503);

        simulator.control().addFault(Map.of("mailbox", SimulatorFixture.KARI, "kind", "HTTP_401", "count", 1));
        Throwable unauthorized = catchThrowable(() -> week(as(SimulatorFixture.KARI), SimulatorFixture.KARI));
        assertThat(((HttpErrorException) rootCause(unauthorized)).getHttpErrorCode()).isEqualTo(401);
    }

    @Test
    void malformedXmlIsAnUnreadableResponse() {
        simulator.control().addFault(Map.of("mailbox", SimulatorFixture.KARI, "kind", "MALFORMED_XML", "count", 1));

        assertThatThrownBy(() -> week(as(SimulatorFixture.KARI), SimulatorFixture.KARI)).isInstanceOf(Exception.class)
                .isNotInstanceOf(ServiceResponseException.class);
    }

    @Test
    void aResponseWithAnExternalEntityNeverReadsAsSuccess() throws Exception {
        simulator.control().addFault(Map.of("mailbox", SimulatorFixture.KARI, "kind", "XXE", "count", 1));

        Throwable thrown = catchThrowable(() -> week(as(SimulatorFixture.KARI), SimulatorFixture.KARI));

        assertThat(thrown).as("ews-java-api does not take the answer as a success").isNotNull();
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.controlUrl() + "/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"XXE\",\"count\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(201);
        Throwable refused = catchThrowable(() -> new RawEws(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD)
                .post(SimulatorFixture.KARI, "<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape>"
                        + "<m:FolderIds><t:DistinguishedFolderId Id=\"calendar\"/></m:FolderIds></m:GetFolder>"));
        assertThat(refused).as("a hardened parser refuses the DOCTYPE").hasMessageContaining("DOCTYPE");
    }

    @Test
    void exchange2010RefusesNewerRequestVersionsAndBigViews() throws Exception {
        try (EwsSimulator exchange2010 = SimulatorFixture.start("Exchange2010")) {
            exchange2010.control().updateServer(Map.of("findCountLimit", 3));
            for (int day = 1; day <= 5; day++) {
                exchange2010.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.single("item " + day,
                        "2026-12-0" + day + "T09:00:00Z", "2026-12-0" + day + "T10:00:00Z"));
            }
            ExchangeService sp2Client = EwsClients.impersonating(exchange2010.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                    SimulatorFixture.PASSWORD, "ACME", SimulatorFixture.KARI);
            assertThat(catchThrowable(() -> week(sp2Client, SimulatorFixture.KARI))).hasRootCauseInstanceOf(ServiceVersionException.class);

            ExchangeService client = new ExchangeService(ExchangeVersion.Exchange2010);
            client.setCredentials(new microsoft.exchange.webservices.data.credential.WebCredentials(SimulatorFixture.ACCOUNT,
                    SimulatorFixture.PASSWORD, "ACME"));
            client.setUrl(URI.create(exchange2010.httpEwsUrl()));
            client.setImpersonatedUserId(new microsoft.exchange.webservices.data.misc.ImpersonatedUserId(
                    microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType.SmtpAddress, SimulatorFixture.KARI));
            assertThat(errorOf(catchThrowable(() -> week(client, SimulatorFixture.KARI)))).isEqualTo(ServiceError.ErrorExceededFindCountLimit);
        }
    }

    @Test
    void laterVersionsTruncateAtTheFindCountLimit() throws Exception {
        simulator.control().updateServer(Map.of("findCountLimit", 3));
        for (int day = 1; day <= 5; day++) {
            simulator.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.single("item " + day,
                    "2026-12-0" + day + "T09:00:00Z", "2026-12-0" + day + "T10:00:00Z"));
        }

        FindItemsResults<Appointment> results = week(as(SimulatorFixture.KARI), SimulatorFixture.KARI);

        assertThat(results.getItems()).hasSize(3);
        assertThat(results.isMoreAvailable()).isTrue();
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
