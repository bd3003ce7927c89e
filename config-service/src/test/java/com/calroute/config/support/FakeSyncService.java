package com.calroute.config.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in for calendar-sync-service's connection-check endpoint and for the identity provider's token endpoint,
 * on a free loopback port. It records every request and answers a canned result chosen by the mailbox's local part:
 * {@code step-<STEP>@...} fails at that step (as does a connection whose password or client secret starts with
 * {@code wrong}: AUTH, code {@code unauthorized}), {@code error@...} answers HTTP 500, {@code drop@...} hangs up without an
 * answer; anything else is OK. Tests read the recordings over HTTP ({@code GET /_recorded}), because the resource and
 * the tests may live in different class loaders; for the same reason {@code POST /_identity?down=true} makes the token
 * endpoint refuse service ({@code down=false} restores it). Tokens live {@value #TOKEN_LIFETIME_SECONDS} s, so a test
 * can outwait the one the OIDC client holds.
 */
public class FakeSyncService implements QuarkusTestResourceLifecycleManager {

    /** The client secret the OIDC client must present (the %test profile's). */
    static final String CLIENT_ID = "calroute-config-service";
    static final String CLIENT_SECRET = "test-client-secret";
    /** The access token the fake identity provider issues. */
    public static final String ACCESS_TOKEN = "fake-service-token-for-sync";
    /** How long an issued token lives. */
    public static final int TOKEN_LIFETIME_SECONDS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Map<String, Object>> recorded = new ArrayList<>();
    private volatile boolean identityDown;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake sync service", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/token", this::token);
        server.createContext("/internal/v1/connection-tests", this::connectionTest);
        server.createContext("/_recorded", this::recordings);
        server.createContext("/_identity", this::identity);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "calroute.sync-service.url", base,
                "quarkus.oidc-client.auth-server-url", base,
                "quarkus.oidc-client.token-path", "/token");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        if (identityDown) {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
            return;
        }
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        boolean basicOk = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        boolean postOk = form.contains("client_id=" + CLIENT_ID) && form.contains("client_secret=" + CLIENT_SECRET);
        if (!form.contains("grant_type=client_credentials") || !(basicOk || postOk)) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        respond(exchange, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + TOKEN_LIFETIME_SECONDS + "}");
    }

    private void connectionTest(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        record.put("body", body);
        synchronized (recorded) {
            recorded.add(record);
        }
        JsonNode request = JSON.readTree(body);
        String mailbox = request.path("mailbox").asText("");
        String local = mailbox.contains("@") ? mailbox.substring(0, mailbox.indexOf('@')) : mailbox;
        if (local.equals("drop")) {
            exchange.close();
            return;
        }
        if (local.equals("error")) {
            respond(exchange, 500, "{\"error\":\"boom\"}");
            return;
        }
        String step = local.startsWith("step-") ? local.substring(5).toUpperCase(Locale.ROOT) : "OK";
        String secret = request.at("/connection/password").asText(request.at("/connection/clientSecret").asText(""));
        boolean wrongSecret = secret.startsWith("wrong");
        if (wrongSecret) {
            step = "AUTH";
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", step.equals("OK"));
        result.put("step", step);
        // Like the real checker, a refused secret comes with its code and parameters (never the secret itself);
        // the canned steps come without a code, as from a checker older than codes, so config-service fills it in.
        if (wrongSecret) {
            result.put("code", "unauthorized");
            result.put("params", Map.of("host", "mail.acme.no"));
        }
        // DNS carries the checker's own words; the other failures come without, so config-service fills them in.
        result.put("message", step.equals("OK") ? "Connected as the service account" : step.equals("DNS")
                ? "checker: no such host" : null);
        result.put("serverVersion", List.of("DNS", "CONNECT", "TLS", "TOKEN").contains(step) ? null : "Exchange2013_SP1");
        respond(exchange, 200, JSON.writeValueAsString(result));
    }

    private void identity(HttpExchange exchange) throws IOException {
        identityDown = "down=true".equals(exchange.getRequestURI().getQuery());
        respond(exchange, 200, "{\"down\":" + identityDown + "}");
    }

    private void recordings(HttpExchange exchange) throws IOException {
        String json;
        synchronized (recorded) {
            json = JSON.writeValueAsString(recorded);
        }
        respond(exchange, 200, json);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
