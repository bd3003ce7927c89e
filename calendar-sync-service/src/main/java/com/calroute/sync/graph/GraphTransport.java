package com.calroute.sync.graph;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.contracts.connection.OutboundEndpointRule;
import com.calroute.sync.ews.BlockedAddressException;
import com.calroute.sync.ews.EndpointResolver;
import com.calroute.sync.ews.TrustMaterial;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Graph's HTTP: one Apache client per host of a connection version, made after the host passed the SSRF rule, that
 * looks the host up again through the same rule at every connect and connects only to the addresses that check
 * passed (no DNS answer can change between check and connect); TLS 1.2+ with the JVM's trust store plus the tenant's
 * CA, host names verified, no redirects, cookies or compression. Transport failures become {@link GraphException}s.
 */
final class GraphTransport {

    private static final int MAX_CONNECTIONS_PER_HOST = 64;

    private final EndpointResolver guard;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<String, CloseableHttpClient> clients = new ConcurrentHashMap<>();

    GraphTransport(EndpointResolver guard, Duration connectTimeout, Duration readTimeout) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** What came back: the status, the body as text and the {@code Retry-After} header (null without one). */
    record Answer(int status, String body, String retryAfter) {
    }

    Answer send(ExchangeConnection connection, HttpUriRequest request) throws GraphException {
        OutboundEndpointRule.Endpoint endpoint;
        try {
            endpoint = guard.parse(request.getURI().toString());
        } catch (IllegalArgumentException e) {
            throw new GraphException(0, "BadUrl", e.getMessage(), null, e);
        }
        try (CloseableHttpResponse response = client(connection, endpoint).execute(request)) {
            HttpEntity entity = response.getEntity();
            String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new Answer(response.getStatusLine().getStatusCode(), body,
                    retryAfter == null ? null : retryAfter.getValue());
        } catch (BlockedAddressException e) {
            throw new GraphException(0, "BlockedAddress", endpoint.hostPort(), null, e);
        } catch (UnknownHostException e) {
            throw new GraphException(0, "Dns", endpoint.host(), null, e);
        } catch (ConnectTimeoutException | SocketTimeoutException e) {
            throw new GraphException(0, "Timeout", "timed out", null, e);
        } catch (SSLException e) {
            throw new GraphException(0, "Tls", "TLS handshake failed", null, e);
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException) {
                throw new GraphException(0, "Tls", "TLS handshake failed", null, e);
            }
            throw new GraphException(0, "Connect", "cannot connect", null, e);
        }
    }

    /**
     * The HTTP client for one host of one connection version, created after the host passed the SSRF rules. It
     * looks the host up again through the same rules at every connect and connects only to what that check passed.
     */
    private CloseableHttpClient client(ExchangeConnection connection, OutboundEndpointRule.Endpoint endpoint)
            throws GraphException {
        String key = connection.tenantId() + "|" + connection.connectionVersion() + "|" + endpoint.uri().getScheme()
                + "://" + endpoint.hostPort();
        CloseableHttpClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        if (!guard.schemeAllowed(endpoint)) {
            throw new GraphException(0, "PlainHttp", endpoint.hostPort(), null, null);
        }
        try {
            guard.resolve(endpoint);
        } catch (BlockedAddressException e) {
            throw new GraphException(0, "BlockedAddress", endpoint.hostPort(), null, e);
        } catch (UnknownHostException e) {
            throw new GraphException(0, "Dns", endpoint.host(), null, e);
        }
        SSLContext ssl;
        try {
            ssl = TrustMaterial.sslContext(connection.caCertificatePem());
        } catch (GeneralSecurityException e) {
            throw new GraphException(0, "Tls", "the CA certificate cannot be read", null, e);
        }
        RegistryBuilder<ConnectionSocketFactory> schemes = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("https", new SSLConnectionSocketFactory(ssl, new String[] {"TLSv1.3", "TLSv1.2"}, null,
                        new DefaultHostnameVerifier()));
        if (!endpoint.https()) {
            // Only reachable when the exact host:port is on the plain-http allowance (checked above).
            schemes.register("http", PlainConnectionSocketFactory.getSocketFactory());
        }
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(schemes.build(),
                null, null, guard.pinnedTo(endpoint), 5, TimeUnit.MINUTES);
        connections.setMaxTotal(MAX_CONNECTIONS_PER_HOST);
        connections.setDefaultMaxPerRoute(MAX_CONNECTIONS_PER_HOST);
        connections.setValidateAfterInactivity(2_000);
        int readMillis = (int) readTimeout.toMillis();
        RequestConfig timeouts = RequestConfig.custom().setConnectTimeout((int) connectTimeout.toMillis())
                .setSocketTimeout(readMillis).setConnectionRequestTimeout(readMillis).setRedirectsEnabled(false).build();
        CloseableHttpClient client = HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(timeouts).disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().build();
        CloseableHttpClient raced = clients.putIfAbsent(key, client);
        if (raced != null) {
            closeQuietly(client);
            return raced;
        }
        return client;
    }

    private static void closeQuietly(CloseableHttpClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing was sent with it
        }
    }
}
