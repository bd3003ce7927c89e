package com.calroute.sync.graph;

import com.calroute.sync.testsupport.SyncTestResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The usual sync test resources plus a fixed HTTP port, so the simulator's Graph can post change notifications to
 * {@code /graph/v1/notifications} of the service under test. The safety poll stays at 10 minutes: only push can
 * deliver a change within a test.
 */
public class GraphPushTestResources extends SyncTestResources {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("calroute.graph.notification-url", "http://127.0.0.1:" + port + "/graph/v1/notifications");
        return config;
    }
}
