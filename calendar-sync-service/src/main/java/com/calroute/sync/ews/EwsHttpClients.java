package com.calroute.sync.ews;

import com.calroute.contracts.connection.OutboundEndpointRule;
import microsoft.exchange.webservices.data.core.CookieProcessingTargetAuthenticationStrategy;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.LayeredConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.protocol.HttpContext;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Builds the Apache HTTP clients our {@link HardenedExchangeService}s use. */
final class EwsHttpClients {

    private EwsHttpClients() {
    }

    /** A client that talks only to {@code endpoint}, through the resolver, with our TLS and response rules. */
    static CloseableHttpClient build(OutboundEndpointRule.Endpoint endpoint, EndpointResolver guard,
                                     SSLContext sslContext, Duration connectTimeout, int maxConnections) {
        int connectCap = (int) Math.max(1, connectTimeout.toMillis());
        SSLConnectionSocketFactory tls = new SSLConnectionSocketFactory(sslContext,
                new String[] {"TLSv1.3", "TLSv1.2"}, null, new DefaultHostnameVerifier());
        RegistryBuilder<ConnectionSocketFactory> registry = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("https", new CappedTls(tls, connectCap));
        if (!endpoint.https()) {
            // Only reachable when the exact host:port is on the plain-http allowance (checked by the caller).
            registry.register("http", new CappedPlain(connectCap));
        }
        Registry<ConnectionSocketFactory> schemes = registry.build();
        PoolingHttpClientConnectionManager manager = new PoolingHttpClientConnectionManager(schemes, null, null,
                guard.pinnedTo(endpoint), 5, TimeUnit.MINUTES);
        manager.setMaxTotal(maxConnections);
        manager.setDefaultMaxPerRoute(maxConnections);
        manager.setValidateAfterInactivity(2_000);
        HttpResponseInterceptor refuseDtds = (response, context) -> {
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                response.setEntity(new HttpEntityWrapper(entity) {
                    @Override
                    public InputStream getContent() throws IOException {
                        return new DtdRejectingInputStream(super.getContent());
                    }
                });
            }
        };
        return HttpClients.custom()
                .setConnectionManager(manager)
                .setTargetAuthenticationStrategy(new CookieProcessingTargetAuthenticationStrategy())
                .disableRedirectHandling()
                .addInterceptorLast(refuseDtds)
                .useSystemProperties()
                .build();
    }

    /** Plain sockets whose connect time-out never exceeds ours (ews-java-api uses one time-out for everything). */
    private record CappedPlain(int connectCapMillis) implements ConnectionSocketFactory {

        @Override
        public Socket createSocket(HttpContext context) throws IOException {
            return PlainConnectionSocketFactory.getSocketFactory().createSocket(context);
        }

        @Override
        public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                                    InetSocketAddress localAddress, HttpContext context) throws IOException {
            return PlainConnectionSocketFactory.getSocketFactory().connectSocket(cap(connectTimeout, connectCapMillis),
                    socket, host, remoteAddress, localAddress, context);
        }
    }

    /** TLS sockets with the same connect time-out cap. */
    private record CappedTls(SSLConnectionSocketFactory delegate, int connectCapMillis)
            implements LayeredConnectionSocketFactory {

        @Override
        public Socket createSocket(HttpContext context) throws IOException {
            return delegate.createSocket(context);
        }

        @Override
        public Socket connectSocket(int connectTimeout, Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                                    InetSocketAddress localAddress, HttpContext context) throws IOException {
            return delegate.connectSocket(cap(connectTimeout, connectCapMillis), socket, host, remoteAddress,
                    localAddress, context);
        }

        @Override
        public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context) throws IOException {
            return delegate.createLayeredSocket(socket, target, port, context);
        }
    }

    private static int cap(int requested, int cap) {
        return requested <= 0 ? cap : Math.min(requested, cap);
    }

    /** Resolves through the outbound endpoint rule; used by the connection tester for its explicit DNS step. */
    static InetAddress[] resolve(EndpointResolver guard, OutboundEndpointRule.Endpoint endpoint)
            throws UnknownHostException {
        return guard.resolve(endpoint);
    }
}
