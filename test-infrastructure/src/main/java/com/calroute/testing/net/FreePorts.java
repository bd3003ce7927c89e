package com.calroute.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Loopback ports nobody listens on, for servers a test starts and for "connection refused" checks. */
public final class FreePorts {

    private FreePorts() {
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
