package com.calroute.ewssim.tls;

import com.calroute.ewssim.EwsSimulator;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class TlsEndpointTest {
    @Test
    void ewsJavaApiTalksToTheHttpsEndpoint() throws Exception {
        try (EwsSimulator simulator = EwsSimulator.builder().httpsPort(0).start()) {
            simulator.control().putAccount("svc", new com.calroute.ewssim.control.Specs.AccountSpec(null, "pw", null, null, null,
                    java.util.List.of("*")));
            simulator.control().putMailbox("kari@acme.example", null);
            simulator.control().createAppointment("kari@acme.example", new com.calroute.ewssim.control.AppointmentSpec("tls",
                    null, null, "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z", null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null));
            var service = new microsoft.exchange.webservices.data.core.ExchangeService(
                    microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion.Exchange2010_SP2);
            service.setCredentials(new microsoft.exchange.webservices.data.credential.WebCredentials("svc", "pw"));
            service.setUrl(URI.create(simulator.httpsEwsUrl()));
            service.setImpersonatedUserId(new microsoft.exchange.webservices.data.misc.ImpersonatedUserId(
                    microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType.SmtpAddress, "kari@acme.example"));

            var items = service.findAppointments(new microsoft.exchange.webservices.data.property.complex.FolderId(
                    microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName.Calendar),
                    new microsoft.exchange.webservices.data.search.CalendarView(java.util.Date.from(java.time.Instant.parse("2026-12-01T00:00:00Z")),
                            java.util.Date.from(java.time.Instant.parse("2026-12-02T00:00:00Z"))));

            assertThat(items.getTotalCount()).isEqualTo(1);
            assertThat(simulator.controlUrl()).startsWith("https://localhost:");
        }
    }

    @Test
    void aClientTrustingOnlyThePublishedPemReachesTheHttpsEndpointAndOthersAreRefused() throws Exception {
        try (EwsSimulator simulator = EwsSimulator.builder().httpsPort(0).start()) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("simulator", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(simulator.certificatePem().getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            URI ews = URI.create(simulator.httpsEwsUrl());

            HttpResponse<String> answer = HttpClient.newBuilder().sslContext(context).build()
                    .send(HttpRequest.newBuilder(ews).POST(HttpRequest.BodyPublishers.ofString("<x/>")).build(),
                            HttpResponse.BodyHandlers.ofString());
            Throwable untrusted = catchThrowable(() -> HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(ews).GET().build(), HttpResponse.BodyHandlers.ofString()));

            assertThat(ews.getHost()).isEqualTo("localhost");
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(untrusted).isInstanceOf(SSLHandshakeException.class);
            assertThat(simulator.certificate().getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)).toList())
                    .contains((Object) "localhost", (Object) "127.0.0.1");
        }
    }

    @Test
    void theControlApiHandsOutTheCertificateAsPem() throws Exception {
        try (EwsSimulator simulator = EwsSimulator.builder().httpPort(0).httpsPort(0).start()) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(simulator.controlUrl() + "/certificate")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
            assertThat(answer.body()).isEqualTo(simulator.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        }
        try (EwsSimulator plain = EwsSimulator.builder().httpPort(0).start()) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(plain.controlUrl() + "/certificate")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(404);
        }
    }
}
