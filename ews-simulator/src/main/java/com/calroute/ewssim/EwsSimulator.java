package com.calroute.ewssim;

import com.calroute.ewssim.auth.HttpAuthenticator;
import com.calroute.ewssim.connection.ClientConnections;
import com.calroute.ewssim.connection.ConnectionCloseEcho;
import com.calroute.ewssim.connection.ConnectionFront;
import com.calroute.ewssim.control.ControlApi;
import com.calroute.ewssim.control.SimulatorControl;
import com.calroute.ewssim.graph.GraphControlApi;
import com.calroute.ewssim.graph.GraphEndpoint;
import com.calroute.ewssim.operations.EwsEndpoint;
import com.calroute.ewssim.tls.SelfSignedCertificate;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embeddable Exchange Web Services simulator: EWS at /EWS/Exchange.asmx over HTTP and/or HTTPS (self-signed
 * certificate), Microsoft Graph (/v1.0) and its token endpoint over the same mailboxes, the control API at /sim/v1
 * and a health check at /q/health on both.
 *
 * <p>Clients connect to a {@link ConnectionFront}, which relays each TCP connection to a JDK server listening on
 * loopback only; the relay lets per-connection state (NTLM) belong to the client's connection itself.
 */
public final class EwsSimulator implements AutoCloseable {
    public static final String EWS_PATH = "/EWS/Exchange.asmx";
    private static final int MAX_THREADS = 2048;

    private final SimulatorEngine engine;
    private final SimulatorControl control;
    private final ExecutorService executor;
    private final HttpServer http;
    private final HttpsServer https;
    private final ConnectionFront httpFront;
    private final ConnectionFront httpsFront;
    private final SelfSignedCertificate certificate;

    private EwsSimulator(Builder builder) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.engine = new SimulatorEngine(builder.clock, ServerVersion.parse(builder.serverVersion));
        this.control = new SimulatorControl(engine);
        if (builder.scenario != null) {
            control.loadScenario(new ByteArrayInputStream(builder.scenario));
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(16, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "ews-simulator-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.executor = pool;
        HttpAuthenticator authenticator = new HttpAuthenticator(engine.accounts(), engine.settings(), engine.clock());
        ClientConnections connections = new ClientConnections();
        EwsEndpoint endpoint = new EwsEndpoint(engine, authenticator, connections);
        ControlApi controlApi = new ControlApi(control, this::certificatePemOrNull);
        InetSocketAddress innerAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (builder.httpPort != null) {
            http = HttpServer.create(innerAddress, 1024);
            configure(http, endpoint, controlApi);
            httpFront = new ConnectionFront(new InetSocketAddress(builder.bindAddress, builder.httpPort),
                    http.getAddress(), connections);
        } else {
            http = null;
            httpFront = null;
        }
        if (builder.httpsPort != null) {
            certificate = SelfSignedCertificate.generate("localhost");
            https = HttpsServer.create(innerAddress, 1024);
            https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            configure(https, endpoint, controlApi);
            httpsFront = new ConnectionFront(new InetSocketAddress(builder.bindAddress, builder.httpsPort),
                    https.getAddress(), connections);
        } else {
            https = null;
            httpsFront = null;
            certificate = null;
        }
        if (http == null && https == null) {
            throw new IllegalStateException("enable at least one of httpPort and httpsPort");
        }
        if (http != null) {
            http.start();
            httpFront.start();
        }
        if (https != null) {
            https.start();
            httpsFront.start();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private void configure(HttpServer server, EwsEndpoint endpoint, ControlApi controlApi) {
        server.setExecutor(executor);
        context(server, EWS_PATH, endpoint);
        context(server, "/ews/exchange.asmx", endpoint);
        context(server, ControlApi.PREFIX, controlApi);
        context(server, "/q/health", EwsSimulator::health);
        context(server, GraphControlApi.PREFIX, new GraphControlApi(engine.graph()));
        // The token endpoint lives at /{tenant}/oauth2/v2.0/token, so Graph takes every path no other context claims.
        context(server, "/", new GraphEndpoint(engine));
    }

    private static void context(HttpServer server, String path, HttpHandler handler) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(new ConnectionCloseEcho());
    }

    private static void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Plain-HTTP EWS URL, e.g. http://127.0.0.1:PORT/EWS/Exchange.asmx. */
    public String httpEwsUrl() {
        requireHttp();
        return "http://" + host() + ":" + httpFront.port() + EWS_PATH;
    }

    /** TLS EWS URL on "localhost" (the certificate also names 127.0.0.1). */
    public String httpsEwsUrl() {
        if (https == null) {
            throw new IllegalStateException("the simulator was started without httpsPort");
        }
        return "https://localhost:" + httpsFront.port() + EWS_PATH;
    }

    /** Control API base URL, on the HTTP port when there is one, else on the HTTPS port. */
    public String controlUrl() {
        if (http != null) {
            return "http://" + host() + ":" + httpFront.port() + ControlApi.PREFIX;
        }
        return "https://localhost:" + httpsFront.port() + ControlApi.PREFIX;
    }

    /** Graph base URL (what a tenant's graphBaseUrl is set to; clients append /v1.0), on HTTPS when served. */
    public String graphBaseUrl() {
        return https != null ? "https://localhost:" + httpsFront.port()
                : "http://" + host() + ":" + httpFront.port();
    }

    /** Identity-platform base URL (a tenant's loginBaseUrl): the token endpoint is {base}/{tenant}/oauth2/v2.0/token. */
    public String loginBaseUrl() {
        return graphBaseUrl();
    }

    public int httpPort() {
        requireHttp();
        return httpFront.port();
    }

    public int httpsPort() {
        return https == null ? -1 : httpsFront.port();
    }

    /** PEM of the self-signed certificate, for clients that must trust it. */
    public String certificatePem() {
        if (certificate == null) {
            throw new IllegalStateException("the simulator was started without httpsPort");
        }
        return certificate.pem();
    }

    private String certificatePemOrNull() {
        return certificate == null ? null : certificate.pem();
    }

    public java.security.cert.X509Certificate certificate() {
        return certificate == null ? null : certificate.certificate();
    }

    /** The in-process Graph state: register apps, inspect subscriptions and stats (as REST /sim/v1/graph). */
    public com.calroute.ewssim.graph.GraphState graph() {
        return engine.graph();
    }

    /** The in-process control API (same operations as REST /sim/v1). */
    public SimulatorControl control() {
        return control;
    }

    @Override
    public void close() {
        engine.subscriptions().closeAll();
        engine.graph().close();
        // The inner servers first: their closing passes through the relays, which then end on their own.
        if (http != null) {
            http.stop(0);
        }
        if (https != null) {
            https.stop(0);
        }
        if (httpFront != null) {
            httpFront.close();
        }
        if (httpsFront != null) {
            httpsFront.close();
        }
        executor.shutdownNow();
    }

    private String host() {
        String address = httpFront.hostAddress();
        return "0.0.0.0".equals(address) ? "127.0.0.1" : address;
    }

    private void requireHttp() {
        if (http == null) {
            throw new IllegalStateException("the simulator was started without httpPort");
        }
    }

    /** Configures and starts a simulator. */
    public static final class Builder {
        private Integer httpPort;
        private Integer httpsPort;
        private String serverVersion = "Exchange2013_SP1";
        private String bindAddress = "127.0.0.1";
        private byte[] scenario;
        private Clock clock = Clock.systemUTC();

        /** Serve plain HTTP on this port (0 = any free port). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Serve HTTPS with a generated self-signed certificate on this port (0 = any free port). */
        public Builder httpsPort(int port) {
            this.httpsPort = port;
            return this;
        }

        /** Exchange2010, Exchange2010_SP1, Exchange2010_SP2, Exchange2013, Exchange2013_SP1, Exchange2016 or Exchange2019. */
        public Builder serverVersion(String version) {
            ServerVersion.parse(version);
            this.serverVersion = version;
            return this;
        }

        /** Address to listen on; loopback by default. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /**
         * The clock behind timestamps, change times and relative scenario times (e.g. a fixed clock for a
         * reproducible demo week); streaming heartbeats and timeouts always run on real time.
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder scenario(Path file) {
            try {
                this.scenario = java.nio.file.Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Builder scenario(InputStream in) {
            try {
                this.scenario = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public EwsSimulator start() {
            if (httpPort == null && httpsPort == null) {
                httpPort = 0;
            }
            try {
                return new EwsSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the EWS simulator", e);
            }
        }
    }
}
