package com.calroute.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON-over-HTTP client for the suite's public APIs, Keycloak and the simulator's control API. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    /** A response: status code and parsed JSON body (a NullNode when empty or not JSON). */
    public record Response(int status, JsonNode body, String contentType) {

        public String text(String field) {
            return body.path(field).asText(null);
        }
    }

    public static Response get(String url, String token) {
        return send("GET", url, token, null);
    }

    public static Response post(String url, String token, Object body) {
        return send("POST", url, token, body);
    }

    public static Response put(String url, String token, Object body) {
        return send("PUT", url, token, body);
    }

    public static Response patch(String url, String token, Object body) {
        return send("PATCH", url, token, body);
    }

    public static Response delete(String url, String token) {
        return send("DELETE", url, token, null);
    }

    public static Response send(String method, String url, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json, application/problem+json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String json = body instanceof String text ? text : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An access token from Keycloak: the password grant for a person, client credentials for a system. */
    public static String token(String issuer, String username, String password) {
        return tokenFor(issuer, "grant_type=password&client_id=calroute-cli&scope=openid&username="
                + encode(username) + "&password=" + encode(password));
    }

    public static String clientToken(String issuer, String clientId, String secret) {
        return tokenFor(issuer, "grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_secret=" + encode(secret));
    }

    /** An access token from {@code issuer}'s token endpoint for this form-encoded grant. */
    static String tokenFor(String issuer, String form) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token: " + response.statusCode());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Keycloak at " + issuer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }
}
