package com.calroute.ewssim.connection;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's public listening socket: accepts each client TCP connection and relays it, byte for byte (TLS
 * included), over a dedicated connection to the inner JDK server, registering a {@link ClientConnection} for it that
 * is dropped when either side closes. That is how per-connection state (NTLM) lives and dies with the connection.
 */
public final class ConnectionFront implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectionFront.class);
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final long DRAIN_MILLIS = 1000;

    private final ServerSocket listener;
    private final InetSocketAddress inner;
    private final ClientConnections connections;
    private final ExecutorService relays;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public ConnectionFront(InetSocketAddress publicAddress, InetSocketAddress inner, ClientConnections connections)
            throws IOException {
        this.inner = inner;
        this.connections = connections;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(publicAddress, 1024);
        AtomicInteger number = new AtomicInteger();
        String name = "ews-simulator-relay-" + listener.getLocalPort() + "-";
        this.relays = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String hostAddress() {
        return listener.getInetAddress().getHostAddress();
    }

    public void start() {
        relays.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                Socket client = listener.accept();
                relays.execute(() -> relay(client));
            } catch (IOException e) {
                if (!closing) {
                    LOG.warnf("accepting a connection failed: %s", e.getMessage());
                }
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        sockets.add(client);
        sockets.add(upstream);
        Relay relay = new Relay(client, upstream);
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(inner);
            // Registered before the first byte is relayed, so the inner server never sees a request of an unknown
            // connection; removed before the relay socket closes (Relay.end), so its port is not reused meanwhile.
            relay.relayPort = upstream.getLocalPort();
            connections.opened(inner.getPort(), relay.relayPort);
            relays.execute(() -> pump(relay, upstream, client, true));
            pump(relay, client, upstream, false);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("relay ended: %s", e.getMessage());
            relay.end();
        }
    }

    /** The two sockets of one client connection; ended once, by whichever side ends the connection. */
    private final class Relay {
        private final Socket client;
        private final Socket upstream;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile int relayPort = -1;

        Relay(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                if (relayPort > 0) {
                    connections.closed(inner.getPort(), relayPort);
                }
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }

    /**
     * Copies one direction. The client's end of input is passed on as a half-close, so a client that half-closes
     * still gets its answer; the server's end of output (Connection: close, an idle timeout, a dropped stream) or
     * any failure ends the whole connection, as the client would see it from IIS.
     */
    private void pump(Relay relay, Socket from, Socket to, boolean fromServer) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
            if (!fromServer) {
                to.shutdownOutput();
                return;
            }
        } catch (IOException e) {
            LOG.tracef("relay direction ended: %s", e.getMessage());
        }
        relay.end();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.tracef("closing a relay socket: %s", e.getMessage());
        }
    }

    /** Stops accepting; relays still open get a moment to pass on what the inner server wrote before closing. */
    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debugf("closing the listener: %s", e.getMessage());
        }
        relays.shutdown();
        try {
            relays.awaitTermination(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.forEach(this::closeQuietly);
        relays.shutdownNow();
    }
}
