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

    HardenedExchangeService(ExchangeVersion version, CloseableHttpClient requestClient, CloseableHttpClient streamingClient) {
        super(version);
        CloseableHttpClient unusable = this.httpClient;
        this.httpClient = requestClient;
        this.httpPoolingClient = streamingClient;
        try {
            unusable.close();
        } catch (IOException ignored) {
            // It never opened a connection: there is nothing to release.
        }
    }

    @Override
    protected Registry<ConnectionSocketFactory> createConnectionSocketFactoryRegistry() {
        // Called from the parent constructor; an empty registry makes the library's permissive client useless.
        return RegistryBuilder.<ConnectionSocketFactory>create().build();
    }
}
