package com.calroute.ewssim.graph;

import com.calroute.ewssim.control.ControlJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Graph part of the control API, under {@code /sim/v1/graph}: apps, subscriptions, lifecycle events, stats. */
public final class GraphControlApi implements HttpHandler {
    public static final String PREFIX = "/sim/v1/graph";
    private final GraphState graph;

    public GraphControlApi(GraphState graph) {
        this.graph = graph;
    }

    /** The app registration body of {@code PUT /sim/v1/graph/apps/{clientId}}. */
    public record AppSpec(String tenantId, String clientSecret, List<String> permissions, List<String> mailboxScope,
            Integer tokenLifetimeSeconds, String certificatePem) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<String> path = Arrays.stream(exchange.getRequestURI().getRawPath().substring(PREFIX.length()).split("/"))
                    .filter(s -> !s.isEmpty()).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
            String method = exchange.getRequestMethod();
            int status = 200;
            Object result;
            try {
                result = route(method, path, body);
                if (result == null) {
                    status = 204;
                } else if (result instanceof Integer code) {
                    status = code;
                    result = Map.of("error", code == 404 ? "not found" : "method not allowed");
                }
            } catch (IllegalArgumentException | IOException e) {
                status = 400;
                result = Map.of("error", String.valueOf(e.getMessage()));
            }
            if (result == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = ControlJson.MAPPER.writeValueAsBytes(result);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Object route(String method, List<String> path, byte[] body) throws IOException {
        int n = path.size();
        String root = n == 0 ? "" : path.get(0);
        switch (root) {
            case "apps" -> {
                if (n == 1 && "GET".equals(method)) {
                    return graph.apps().stream().map(GraphApp::publicView).toList();
                }
                if (n == 2 && "PUT".equals(method)) {
                    AppSpec spec = ControlJson.MAPPER.readValue(body, AppSpec.class);
                    if (spec.tenantId() == null || (spec.clientSecret() == null && spec.certificatePem() == null)) {
                        throw new IllegalArgumentException("an app needs tenantId and clientSecret or certificatePem");
                    }
                    return graph.putApp(new GraphApp(path.get(1), spec.tenantId(), spec.clientSecret(),
                            spec.permissions(), spec.mailboxScope(),
                            spec.tokenLifetimeSeconds() == null ? 3599 : spec.tokenLifetimeSeconds(),
                            spec.certificatePem())).publicView();
                }
                if (n == 2 && "DELETE".equals(method)) {
                    return graph.removeApp(path.get(1)) ? null : 404;
                }
            }
            case "subscriptions" -> {
                if (n == 1 && "GET".equals(method)) {
                    List<Map<String, Object>> all = new ArrayList<>();
                    for (GraphSubscriptions.Subscription s : graph.subscriptions().all()) {
                        Map<String, Object> json = new LinkedHashMap<>(s.json());
                        json.remove("@odata.context");
                        json.put("mailbox", s.mailbox());
                        all.add(json);
                    }
                    return all;
                }
                if (n == 3 && "lifecycle".equals(path.get(2)) && "POST".equals(method)) {
                    JsonNode json = ControlJson.MAPPER.readTree(body);
                    return graph.subscriptions().lifecycle(path.get(1), json.path("lifecycleEvent").asText()) ? null : 404;
                }
                if (n == 2 && "DELETE".equals(method)) {
                    return graph.subscriptions().remove(path.get(1)) ? null : 404;
                }
            }
            case "stats" -> {
                if (n == 1 && "GET".equals(method)) {
                    return graph.stats();
                }
                if (n == 1 && "DELETE".equals(method)) {
                    graph.clearStats();
                    return null;
                }
            }
            default -> {
                return 404;
            }
        }
        return 405;
    }
}
