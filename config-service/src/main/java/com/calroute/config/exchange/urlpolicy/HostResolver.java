package com.calroute.config.exchange.urlpolicy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses; a seam so the policy can be tested without DNS. */
@FunctionalInterface
public interface HostResolver {

    /** The addresses of {@code host}; empty when the name does not resolve. */
    List<InetAddress> resolve(String host);

    /** The JVM's resolver (DNS and the hosts file). */
    static HostResolver system() {
        return host -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                return List.of();
            }
        };
    }
}
