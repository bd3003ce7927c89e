package com.calroute.sync.ews;

import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;

import java.io.IOException;

/**
 * An {@link ExchangeService} whose HTTP clients are ours: TLS verified against the JVM trust store plus the tenant's
 * CA, host names verified, connections only to addresses the SSRF rules allow, responses with DTDs refused.
 * ews-java-api builds its own client in its constructor with a trust manager that accepts almost any certificate;
 * we hand it a registry without any scheme, so that client can reach nothing, and swap in ours right after.
 * Not thread-safe, like its parent: one per worker thread or streaming group.
 */
public final class HardenedExchangeService extends ExchangeService {

    private final CloseableHttpClient requestClient;
    private final CloseableHttpClient streamingClient;

    HardenedExchangeService(ExchangeVersion version, CloseableHttpClient requestClient, CloseableHttpClient streamingClient) {
        super(version);
        this.requestClient = requestClient;
        this.streamingClient = streamingClient;
        CloseableHttpClient unusable = this.httpClient;
        this.httpClient = requestClient;
        this.httpPoolingClient = streamingClient;
        try {
            unusable.close();
        } catch (IOException ignored) {
            // It never opened a connection: there is nothing to release.
        }
    }

    /** Closes both HTTP clients, which also aborts a hanging streaming request's socket; safe from any thread. */
    @Override
    public void close() {
        super.close();
        closeQuietly(requestClient);
        closeQuietly(streamingClient);
    }

    private static void closeQuietly(CloseableHttpClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing releases sockets; a failure to do so leaves nothing we could still clean up.
        }
    }

    @Override
    protected Registry<ConnectionSocketFactory> createConnectionSocketFactoryRegistry() {
        // Called from the parent constructor; an empty registry makes the library's permissive client useless.
        return RegistryBuilder.<ConnectionSocketFactory>create().build();
    }
}
