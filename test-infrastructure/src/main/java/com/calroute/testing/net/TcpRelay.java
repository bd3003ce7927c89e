package com.calroute.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a real server (PostgreSQL, a Kafka broker), so a test can take the server away
 * from an application and give it back without touching the server itself, which other tests share. {@link #cut()}
 * closes the listening port and every relayed connection: new connections are refused and open ones break, as when
 * the server's host goes down. {@link #restore()} listens on the same port again.
 */
public final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private ServerSocket listener;

    private TcpRelay(InetSocketAddress target, int port) {
        this.target = target;
        this.port = port;
    }

    /** A relay on a free loopback port to {@code host:port}, already listening. */
    public static TcpRelay to(String host, int port) {
        TcpRelay relay = new TcpRelay(new InetSocketAddress(host, port), FreePorts.any());
        relay.restore();
        return relay;
    }

    /** The loopback port the relay listens on. */
    public int port() {
        return port;
    }

    /** Connections accepted since the relay started, to check that an application really goes through it. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Stops listening and breaks every relayed connection; idempotent. */
    public synchronized void cut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        open.forEach(TcpRelay::closeQuietly);
    }

    /** Listens on the same port again; idempotent. */
    public synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            daemon("tcp-relay-" + port, () -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on relay port " + port, e);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                relay(client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        Socket server = new Socket();
        open.add(client);
        open.add(server);
        try {
            server.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        synchronized (this) {
            if (listener == null) {
                // Cut while this connection was being opened: it must not outlive the cut.
                closeQuietly(client);
                closeQuietly(server);
                return;
            }
        }
        daemon("tcp-relay-" + port + "-out", () -> pump(client, server));
        daemon("tcp-relay-" + port + "-in", () -> pump(server, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException closed) {
            // Cut, or the other side went away: both sockets are closed below.
        } catch (IOException e) {
            // Same: a relay has nothing to report, the endpoints see the broken connection.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort: the point is that the connection is gone.
        }
    }
}
