package com.calroute.ewssim.connection;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/**
 * Answers a request carrying {@code Connection: close} with {@code Connection: close}, as IIS does (RFC 9112 9.6):
 * the JDK server closes such a connection after the response but does not say so, and a client that keeps the
 * socket would send its next request into a closed connection.
 */
public final class ConnectionCloseEcho extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        // The same test the JDK server applies when it decides to close after this exchange, so the header never
        // announces a close that does not happen.
        String connection = exchange.getRequestHeaders().getFirst("Connection");
        if (connection != null && connection.trim().equalsIgnoreCase("close")) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "echoes Connection: close";
    }
}
