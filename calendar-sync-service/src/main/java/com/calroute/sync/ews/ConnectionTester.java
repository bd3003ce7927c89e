package com.calroute.sync.ews;

import com.calroute.contracts.connection.ConnectionTestResult;
import com.calroute.contracts.connection.ConnectionTestStep;
import com.calroute.contracts.connection.DiagnosisCodes;
import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.connection.OutboundEndpointRule;
import com.calroute.contracts.tenants.ConnectionKind;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.PlainWords;
import com.calroute.sync.plan.ServerVersions;
import microsoft.exchange.webservices.data.core.ExchangeServerInfo;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.property.complex.FolderId;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;

/**
 * The live "test connection" check config-service delegates to: it walks the same path sync takes, one step at a
 * time — DNS (with the SSRF rules), TCP connect, TLS (our trust rules), authentication, impersonation of the
 * mailbox, the mailbox itself — and stops at the first that fails, saying in plain words what to fix.
 */
public final class ConnectionTester {

    private final EwsClientFactory factory;
    private final Duration connectTimeout;

    public ConnectionTester(EwsClientFactory factory, Duration connectTimeout) {
        this.factory = factory;
        this.connectTimeout = connectTimeout;
    }

    /** Tests {@code connection}, impersonating {@code mailbox} when one is given. */
    public ConnectionTestResult test(ExchangeConnection connection, String mailbox) {
        if (connection == null || connection.kind() == ConnectionKind.GRAPH) {
            return fail(ConnectionTestStep.CONNECT, Failure.of(FailureKind.NOT_CONFIGURED,
                    "Only EWS connections can be tested here"), null, null, mailbox);
        }
        OutboundEndpointRule.Endpoint endpoint;
        try {
            endpoint = factory.endpoint(connection.ewsUrl());
        } catch (EwsSetupException e) {
            return fail(ConnectionTestStep.CONNECT, e.failure(), null, null, mailbox);
        }
        String host = endpoint.host();
        InetAddress[] addresses;
        try {
            addresses = EwsHttpClients.resolve(factory.guard(), endpoint);
        } catch (BlockedAddressException e) {
            return fail(ConnectionTestStep.CONNECT, PlainWords.blockedAddress(endpoint.hostPort(), e.address()), null,
                    host, mailbox);
        } catch (UnknownHostException e) {
            return fail(ConnectionTestStep.DNS, PlainWords.unknownHost(endpoint.host()), null, host, mailbox);
        }
        Socket socket;
        try {
            socket = connect(addresses, endpoint.port());
        } catch (IOException e) {
            return fail(ConnectionTestStep.CONNECT, PlainWords.cannotConnect(endpoint.hostPort()), null, host, mailbox);
        }
        try (Socket ignored = socket) {
            if (endpoint.https()) {
                SSLContext ssl = TrustMaterial.sslContext(connection.caCertificatePem());
                try (SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(socket, endpoint.host(),
                        endpoint.port(), false)) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                    tls.setSoTimeout((int) connectTimeout.toMillis());
                    tls.startHandshake();
                }
            }
        } catch (GeneralSecurityException e) {
            return fail(ConnectionTestStep.TLS, Failure.of(FailureKind.TLS, "The CA certificate in the connection"
                    + " settings cannot be read as PEM X.509 — paste the whole certificate including its BEGIN and END"
                    + " lines").with("reason", "unreadable-ca"), null, host, mailbox);
        } catch (IOException e) {
            Failure failure = EwsFailures.classify(e, endpoint.hostPort(), connection.username(), mailbox);
            return fail(ConnectionTestStep.TLS, failure, null, host, mailbox);
        }
        return exchangeSteps(connection, endpoint, mailbox);
    }

    private ConnectionTestResult exchangeSteps(ExchangeConnection connection, OutboundEndpointRule.Endpoint endpoint,
                                               String mailbox) {
        try (HardenedExchangeService service = factory.create(connection)) {
            PropertySet idOnly = new PropertySet(BasePropertySet.IdOnly);
            try {
                service.bindToFolder(new FolderId(WellKnownFolderName.Calendar), idOnly);
            } catch (Exception e) {
                // Any EWS-level answer (e.g. ErrorMissingEmailAddress: service accounts often have no mailbox)
                // proves the credentials were accepted; only transport and HTTP-level failures stop here.
                String code = EwsFailures.errorCode(e);
                if (code == null || "ErrorServerBusy".equals(code)) {
                    Failure failure = EwsFailures.classify(e, endpoint.hostPort(), connection.username(), null);
                    return fail(stepOf(failure), failure, version(service), endpoint.host(), mailbox);
                }
            }
            if (mailbox == null || mailbox.isBlank()) {
                return new ConnectionTestResult(true, ConnectionTestStep.OK, DiagnosisCodes.OK,
                        "Connected and signed in; give a mailbox to also check impersonation",
                        Map.of("host", endpoint.host()), version(service));
            }
            EwsClientFactory.impersonate(service, mailbox, mailbox);
            try {
                service.bindToFolder(new FolderId(WellKnownFolderName.Calendar), idOnly);
            } catch (Exception e) {
                Failure failure = EwsFailures.classify(e, endpoint.hostPort(), connection.username(), mailbox);
                return fail(stepOf(failure), failure, version(service), endpoint.host(), mailbox);
            }
            return new ConnectionTestResult(true, ConnectionTestStep.OK, DiagnosisCodes.OK,
                    "Connected, signed in and read the calendar of " + mailbox,
                    Map.of("host", endpoint.host(), "mailbox", mailbox), version(service));
        } catch (EwsSetupException e) {
            return fail(ConnectionTestStep.CONNECT, e.failure(), null, endpoint.host(), mailbox);
        }
    }

    private Socket connect(InetAddress[] addresses, int port) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address");
    }

    private static ConnectionTestStep stepOf(Failure failure) {
        return switch (failure.kind()) {
            case DNS -> ConnectionTestStep.DNS;
            case TLS, PLAIN_HTTP -> ConnectionTestStep.TLS;
            case AUTH -> ConnectionTestStep.AUTH;
            case IMPERSONATION -> ConnectionTestStep.IMPERSONATION;
            case MAILBOX -> ConnectionTestStep.MAILBOX;
            default -> ConnectionTestStep.CONNECT;
        };
    }

    private static String version(HardenedExchangeService service) {
        ExchangeServerInfo info = service.getServerInfo();
        return info == null ? null : ServerVersions.name(info.getMajorVersion(), info.getMinorVersion(),
                info.getMajorBuildNumber());
    }

    /** A failed check: the failure's code and parameters, plus the host talked to and the mailbox tried. */
    static ConnectionTestResult fail(ConnectionTestStep step, Failure failure, String serverVersion, String host,
                                     String mailbox) {
        Failure described = failure.with("host", host).with("mailbox", mailbox == null || mailbox.isBlank() ? null : mailbox);
        return new ConnectionTestResult(false, step, failure.kind().code(), failure.message(), described.params(),
                serverVersion);
    }
}
