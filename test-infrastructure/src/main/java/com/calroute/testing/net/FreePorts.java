package com.calroute.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports nobody listens on, for servers a test starts and for "connection refused" checks. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * {@code count} different ports that were free a moment ago. They are held open together while chosen: asked one
     * by one, the operating system may hand out the same port twice (a broker once got one port for both listeners).
     */
    public static int[] distinct(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket nobody connected to does not fail in a way that matters here.
                }
            }
        }
    }

    /** A port that was free a moment ago (the operating system chose it and it was released again). */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
