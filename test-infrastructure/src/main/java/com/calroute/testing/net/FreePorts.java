package com.calroute.testing.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports nobody listens on, for servers a test starts and for "connection refused" checks.
 *
 * <p>They are chosen below the operating system's ephemeral range, never by binding port 0: a port from that range
 * is the one the kernel hands the next outgoing connection, so between the choice and the server's start a Kafka
 * client or a JDBC connection could take it as its local port and the server's bind fails ("Address already in
 * use" — an e2e suite once failed to start that way). Below the range only a deliberate bind takes a port. Within
 * one JVM no port is handed out twice; the starting point is random, so two JVMs rarely meet.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default start of the ephemeral range, where the file above cannot be read. */
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    /** Below this, ports are the developer's suite's and other well-known servers'. */
    private static final int LOWEST = 20000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** {@code count} different ports, each free when chosen and not handed out before by this JVM. */
    public static synchronized int[] distinct(int count) {
        int ceiling = ephemeralRangeStart();
        int lowest = Math.min(LOWEST, ceiling / 2);
        int span = ceiling - lowest;
        int[] ports = new int[count];
        int offset = ThreadLocalRandom.current().nextInt(span);
        int chosen = 0;
        for (int tried = 0; tried < span && chosen < count; tried++) {
            int port = lowest + (offset + tried) % span;
            if (!HANDED_OUT.contains(port) && free(port)) {
                HANDED_OUT.add(port);
                ports[chosen++] = port;
            }
        }
        if (chosen < count) {
            throw new IllegalStateException("fewer than " + count + " free ports in [" + lowest + ", " + ceiling + ")");
        }
        return ports;
    }

    /** A port free when chosen and not handed out before by this JVM. */
    public static int any() {
        return distinct(1)[0];
    }

    /** Free for a server on any address: a wildcard bind without address reuse fails if anything holds the port. */
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        try {
            // Not Files.readString: it trusts the size /proc reports for the file and returned one character.
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
