package com.calroute.ewssim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GetStreamingEvents as bytes on the socket: chunked envelopes, a clean end at the timeout, a cut on DROP_STREAMING. */
class StreamingWireTest {
    private EwsSimulator simulator;
    private RawEws ews;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start("Exchange2016");
        ews = new RawEws(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private String subscribe() throws Exception {
        return ews.post(SimulatorFixture.KARI, "<m:Subscribe><m:StreamingSubscriptionRequest><t:FolderIds><t:DistinguishedFolderId Id=\"calendar\"/>"
                + "</t:FolderIds><t:EventTypes><t:EventType>CreatedEvent</t:EventType></t:EventTypes></m:StreamingSubscriptionRequest></m:Subscribe>")
                .document().getElementsByTagNameNS(RawEws.M, "SubscriptionId").item(0).getTextContent();
    }

    private Socket openStream(String subscriptionId) throws Exception {
        URI url = URI.create(simulator.httpEwsUrl());
        byte[] body = RawEws.envelope(SimulatorFixture.KARI, "Exchange2010_SP2", "<m:GetStreamingEvents><m:SubscriptionIds><t:SubscriptionId>"
                + subscriptionId + "</t:SubscriptionId></m:SubscriptionIds><m:ConnectionTimeout>30</m:ConnectionTimeout></m:GetStreamingEvents>")
                .getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nConnection: close\r\nContent-Type: text/xml; charset=utf-8\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString((SimulatorFixture.ACCOUNT + ":" + SimulatorFixture.PASSWORD)
                .getBytes(StandardCharsets.UTF_8)) + "\r\nX-AnchorMailbox: " + SimulatorFixture.KARI + "\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /** Reads until {@code marker} has arrived (or the socket's read timeout passes); everything read. */
    private static String readUntil(Socket socket, String marker) throws Exception {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (!read.toString(StandardCharsets.UTF_8).contains(marker)) {
            int count = in.read(buffer);
            if (count < 0) {
                throw new AssertionError("the stream ended before " + marker + ":\n" + read.toString(StandardCharsets.UTF_8));
            }
            read.write(buffer, 0, count);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static String readToEnd(Socket socket) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
            }
        } catch (java.net.SocketException reset) {
            all.write("<connection reset>".getBytes(StandardCharsets.US_ASCII));
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /**
     * Each chunk is an envelope in the default SOAP namespace with soap11-prefixed Header and Body, as the response
     * example of Microsoft's "GetStreamingEvents operation" page shows
     * (https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getstreamingevents-operation).
     */
    @Test
    void theStreamIsChunkedAndEndsCleanlyWithConnectionStatusClosed() throws Exception {
        simulator.control().updateServer(Map.of("heartbeatSeconds", 1, "streamingConnectionTimeoutSeconds", 2));
        try (Socket socket = openStream(subscribe())) {
            String wire = readToEnd(socket);

            assertThat(wire).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-encoding: chunked")
                    .containsIgnoringCase("Content-type: text/xml; charset=utf-8")
                    .contains("<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap11:Header"
                            + " xmlns:soap11=\"http://schemas.xmlsoap.org/soap/envelope/\">")
                    .doesNotContain("<s:Envelope")
                    .contains("<m:ConnectionStatus>OK</m:ConnectionStatus>")
                    .contains("<t:ServerVersionInfo xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\" MajorVersion=\"15\" MinorVersion=\"1\"")
                    .endsWith("<m:ConnectionStatus>Closed</m:ConnectionStatus></m:GetStreamingEventsResponseMessage></m:ResponseMessages>"
                            + "</m:GetStreamingEventsResponse></soap11:Body></Envelope>\r\n0\r\n\r\n");
        }
    }

    @Test
    void thePrefixedEnvelopeFormCanBeAskedForSoClientsProveTheyReadBoth() throws Exception {
        simulator.control().updateServer(Map.of("heartbeatSeconds", 1, "streamingConnectionTimeoutSeconds", 2,
                "prefixedStreamingEnvelopes", true));
        try (Socket socket = openStream(subscribe())) {
            String wire = readToEnd(socket);

            assertThat(wire).contains("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>")
                    .doesNotContain("<Envelope xmlns=")
                    .endsWith("</m:GetStreamingEventsResponse></s:Body></s:Envelope>\r\n0\r\n\r\n");
        }
    }

    /** The error example of the same page: ErrorSubscriptionNotFound, the ids, and ConnectionStatus Closed. */
    @Test
    void anUnknownSubscriptionIsRefusedWithItsIdAndConnectionStatusClosed() throws Exception {
        try (Socket socket = openStream("AAAAunknownsubscription")) {
            String wire = readToEnd(socket);

            assertThat(wire).startsWith("HTTP/1.1 200")
                    .contains("<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\">")
                    .contains("<m:ResponseCode>ErrorSubscriptionNotFound</m:ResponseCode>")
                    .contains("<m:ErrorSubscriptionIds><m:SubscriptionId>AAAAunknownsubscription</m:SubscriptionId>"
                            + "</m:ErrorSubscriptionIds><m:ConnectionStatus>Closed</m:ConnectionStatus>");
        }
    }

    @Test
    void aDroppedStreamIsCutWithoutClosedAndWithoutTheTerminatingChunk() throws Exception {
        try (Socket socket = openStream(subscribe())) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> (Integer) simulator.control().streamingStats().get("streamingConnections") == 1);
            simulator.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.single("before the cut",
                    "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"));
            // The live stream has carried the change before it is cut.
            String beforeCut = readUntil(socket, "<t:CreatedEvent>");

            simulator.control().addFault(Map.of("account", SimulatorFixture.ACCOUNT, "kind", "DROP_STREAMING", "count", 1));
            String wire = beforeCut + readToEnd(socket);

            assertThat(wire).contains("<t:CreatedEvent>").doesNotContain("Closed").doesNotEndWith("0\r\n\r\n");
        }
        assertThat(simulator.control().faults()).isEmpty();
    }
}
