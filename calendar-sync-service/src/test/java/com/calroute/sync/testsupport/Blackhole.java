package com.calroute.sync.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An "Exchange" that accepts connections and never answers — the worst kind of down, where every request waits
 * for its read time-out. One per test JVM, on a free loopback port.
 */
public final class Blackhole {

    private static Blackhole instance;
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private Blackhole() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "blackhole-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The JVM's blackhole, started on first use. */
    public static synchronized Blackhole get() {
        if (instance == null) {
            try {
                instance = new Blackhole();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** {@code 127.0.0.1:port}. */
    public String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** An EWS URL that never answers. */
    public String ewsUrl() {
        return "http://" + hostPort() + "/EWS/Exchange.asmx";
    }

    /** Connections accepted so far. */
    public int accepted() {
        return held.size();
    }
}
