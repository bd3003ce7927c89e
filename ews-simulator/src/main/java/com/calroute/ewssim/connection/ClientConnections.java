package com.calroute.ewssim.connection;

import com.sun.net.httpserver.HttpExchange;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open client connections, found from a request: the JDK server does not expose its connection to handlers, so
 * each client connection reaches it through a relay socket of its own, and the relay's address names the connection
 * while (and only while) it is open.
 */
public final class ClientConnections {
    private final Map<RelayAddress, ClientConnection> open = new ConcurrentHashMap<>();

    private record RelayAddress(int serverPort, int relayPort) {
    }

    ClientConnection opened(int serverPort, int relayPort) {
        ClientConnection connection = new ClientConnection();
        open.put(new RelayAddress(serverPort, relayPort), connection);
        return connection;
    }

    void closed(int serverPort, int relayPort) {
        open.remove(new RelayAddress(serverPort, relayPort));
    }

    /**
     * The connection a request arrived on. A request that did not come through a relay (someone connecting to the
     * inner server directly) gets a connection of its own that ends with the request, so NTLM never completes for it.
     */
    public ClientConnection of(HttpExchange exchange) {
        ClientConnection connection = open.get(new RelayAddress(exchange.getLocalAddress().getPort(),
                exchange.getRemoteAddress().getPort()));
        return connection != null ? connection : new ClientConnection();
    }
}
