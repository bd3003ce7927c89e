package com.calroute.sync.ews;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.connection.OutboundEndpointRule;
import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.PlainWords;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;
import org.apache.http.impl.client.CloseableHttpClient;

import javax.net.ssl.SSLContext;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * Creates hardened, not-thread-safe {@link ExchangeService}s for one tenant's connection settings: one per worker
 * thread or streaming group, never shared. Every service has connect and read time-outs.
 */
public final class EwsClientFactory {

    /** The header Exchange routes a request by; ews-java-api never sets it. */
    public static final String ANCHOR_HEADER = "X-AnchorMailbox";
    /** Asks Exchange to keep a streaming group's requests on the anchor's server. */
    public static final String AFFINITY_HEADER = "X-PreferServerAffinity";

    private final EndpointResolver guard;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public EwsClientFactory(EndpointResolver guard, Duration connectTimeout, Duration readTimeout) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** The outbound endpoint rule this factory connects through. */
    public EndpointResolver guard() {
        return guard;
    }

    /** A service for ordinary requests (one connection). */
    public HardenedExchangeService create(ExchangeConnection connection) throws EwsSetupException {
        return create(connection, readTimeout, 1);
    }

    /** A service for a streaming group: its hanging request may stay silent up to {@code streamingReadTimeout}. */
    public HardenedExchangeService createForStreaming(ExchangeConnection connection, Duration streamingReadTimeout)
            throws EwsSetupException {
        return create(connection, streamingReadTimeout, 2);
    }

    private HardenedExchangeService create(ExchangeConnection connection, Duration timeout, int maxConnections)
            throws EwsSetupException {
        if (connection == null || connection.ewsUrl() == null || connection.username() == null) {
            throw new EwsSetupException(PlainWords.notConfigured());
        }
        OutboundEndpointRule.Endpoint endpoint = endpoint(connection.ewsUrl());
        SSLContext ssl;
        try {
            ssl = TrustMaterial.sslContext(connection.caCertificatePem());
        } catch (GeneralSecurityException e) {
            throw new EwsSetupException(Failure.of(FailureKind.TLS,
                    "The CA certificate in the connection settings cannot be read as PEM X.509 — paste the whole"
                            + " certificate including its BEGIN and END lines"));
        }
        CloseableHttpClient requests = EwsHttpClients.build(endpoint, guard, ssl, connectTimeout, maxConnections);
        CloseableHttpClient streaming = EwsHttpClients.build(endpoint, guard, ssl, connectTimeout, 2);
        HardenedExchangeService service = new HardenedExchangeService(requestVersion(connection.exchangeVersion()),
                requests, streaming);
        try {
            service.setUrl(endpoint.uri());
        } catch (IllegalArgumentException e) {
            service.close();
            throw new EwsSetupException(Failure.of(FailureKind.NOT_CONFIGURED, "The EWS URL is not a valid URL"));
        }
        service.setCredentials(new WebCredentials(connection.username(), connection.password() == null ? ""
                : connection.password(), connection.domain()));
        service.setTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        service.setTraceEnabled(false);
        // HttpClient decompresses before our DTD check; asking ews-java-api for gzip too would bypass that order.
        service.setAcceptGzipEncoding(false);
        return service;
    }

    /** The checked endpoint of an EWS URL. */
    public OutboundEndpointRule.Endpoint endpoint(String ewsUrl) throws EwsSetupException {
        OutboundEndpointRule.Endpoint endpoint;
        try {
            endpoint = guard.parse(ewsUrl);
        } catch (IllegalArgumentException e) {
            throw new EwsSetupException(Failure.of(FailureKind.NOT_CONFIGURED, "The EWS URL " + e.getMessage()));
        }
        if (!guard.schemeAllowed(endpoint)) {
            throw new EwsSetupException(PlainWords.plainHttp(endpoint.hostPort()));
        }
        return endpoint;
    }

    /** Makes the next requests act as {@code mailbox}, routed by {@code anchor}. */
    public static void impersonate(ExchangeService service, String mailbox, String anchor) {
        service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, mailbox));
        service.getHttpHeaders().put(ANCHOR_HEADER, anchor);
    }

    /**
     * The request version ews-java-api can speak for a configured Exchange version: it knows nothing above
     * Exchange2010_SP2, which 2013 and later servers accept.
     */
    static ExchangeVersion requestVersion(String exchangeVersion) {
        if ("Exchange2010".equals(exchangeVersion)) {
            return ExchangeVersion.Exchange2010;
        }
        if ("Exchange2010_SP1".equals(exchangeVersion)) {
            return ExchangeVersion.Exchange2010_SP1;
        }
        return ExchangeVersion.Exchange2010_SP2;
    }

    static void setUrl(ExchangeService service, java.net.URI uri) throws URISyntaxException {
        service.setUrl(uri);
    }
}
