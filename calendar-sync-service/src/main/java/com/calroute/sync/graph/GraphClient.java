package com.calroute.sync.graph;

import com.calroute.contracts.connection.ExchangeConnection;
import com.calroute.sync.ews.EndpointResolver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The one way Calroute talks to Microsoft Graph: Apache HttpClient (with the tenant's CA when it has one) and
 * Jackson. It gets app-only tokens by client credentials and caches them until shortly before they expire, checks
 * the Graph and login hosts against the same SSRF rules as EWS endpoints and connects only to the addresses it has
 * just checked (the JDK's HTTP client would look the name up again, so a rebinding DNS answer could slip past the
 * check; Apache HttpClient takes the checked addresses through its DNS hook), keeps at most four requests in flight
 * per mailbox (Exchange Online's MailboxConcurrency), and honours {@code Retry-After} on 429/503: short waits are
 * slept through (up to three times), longer ones are handed back to the scheduler as the failure's back-off.
 */
public final class GraphClient {
    /** Exchange Online answers 429 beyond four concurrent requests per app and mailbox. */
    public static final int MAILBOX_CONCURRENCY = 4;
    static final String DEFAULT_GRAPH = "https://graph.microsoft.com";
    static final String DEFAULT_LOGIN = "https://login.microsoftonline.com";
    private static final Duration LONGEST_INLINE_WAIT = Duration.ofSeconds(10);
    private static final int INLINE_RETRIES = 3;
    /** Connections per host and connection version: well above the mailboxes a tenant reads at once. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphTransport transport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> mailboxSlots = new ConcurrentHashMap<>();

    /** How the client waits out a Retry-After (a test may record instead of sleeping). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A cached app-only token; {@code roles} are the application permissions it carries. */
    public record Token(String value, Instant expires, Instant refreshAt, List<String> roles) {
        @Override
        public String toString() {
            return "Token[expires=" + expires + ", roles=" + roles + "]";
        }
    }

    public GraphClient(EndpointResolver guard, Duration connectTimeout, Duration readTimeout, Clock clock, Sleeper sleeper) {
        this.transport = new GraphTransport(guard, connectTimeout, readTimeout);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static String graphBase(ExchangeConnection connection) {
        return trim(connection.graphBaseUrl() == null || connection.graphBaseUrl().isBlank()
                ? DEFAULT_GRAPH : connection.graphBaseUrl());
    }

    public static String loginBase(ExchangeConnection connection) {
        return trim(connection.loginBaseUrl() == null || connection.loginBaseUrl().isBlank()
                ? DEFAULT_LOGIN : connection.loginBaseUrl());
    }

    /** A valid token for the connection's app, from the cache unless it is due for refresh. */
    public Token token(ExchangeConnection connection) throws GraphException {
        String key = tokenKey(connection);
        Token cached = tokens.get(key);
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached;
        }
        Token fresh = requestToken(connection);
        tokens.put(key, fresh);
        return fresh;
    }

    /** Forgets the cached token (e.g. after Graph refused it). */
    public void forgetToken(ExchangeConnection connection) {
        tokens.remove(tokenKey(connection));
    }

    private Token requestToken(ExchangeConnection connection) throws GraphException {
        String url = loginBase(connection) + "/" + URLEncoder.encode(connection.entraTenantId(), StandardCharsets.UTF_8)
                + "/oauth2/v2.0/token";
        String credential;
        if (connection.clientSecret() != null && !connection.clientSecret().isBlank()) {
            credential = "&client_secret=" + URLEncoder.encode(connection.clientSecret(), StandardCharsets.UTF_8);
        } else if (connection.clientCertificate() != null && !connection.clientCertificate().isBlank()) {
            String assertion = ClientAssertion.sign(connection.clientCertificate(), connection.clientId(), url,
                    clock.instant());
            credential = "&client_assertion_type=" + URLEncoder.encode(
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                    + "&client_assertion=" + assertion;
        } else {
            throw new GraphException(0, "NoCredential", "no client secret or certificate", null, null);
        }
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(connection.clientId(), StandardCharsets.UTF_8)
                + credential
                + "&scope=" + URLEncoder.encode(graphAudience(connection) + "/.default", StandardCharsets.UTF_8);
        HttpUriRequest request = RequestBuilder.post(uri(url))
                .setHeader("Accept", "application/json")
                .setEntity(new StringEntity(form, ContentType.create("application/x-www-form-urlencoded")))
                .build();
        GraphTransport.Answer response = transport.send(connection, request);
        JsonNode body = parse(response);
        if (response.status() != 200) {
            int aadsts = body.path("error_codes").path(0).asInt(0);
            throw new GraphException(response.status(), aadsts == 0 ? body.path("error").asText("token_error")
                    : "AADSTS" + aadsts, firstSentence(body.path("error_description").asText("")), null, null);
        }
        String value = body.path("access_token").asText(null);
        if (value == null) {
            throw new GraphException(response.status(), "MalformedResponse", "no access_token", null, null);
        }
        Instant now = clock.instant();
        long lifetime = Math.max(1, body.path("expires_in").asLong(3599));
        Instant expires = now.plusSeconds(lifetime);
        Instant refreshAt = expires.minusSeconds(Math.min(300, lifetime / 5));
        return new Token(value, expires, refreshAt, roles(value));
    }

    /** GET with the app token; {@code mailbox} names the MailboxConcurrency bucket. */
    public JsonNode get(ExchangeConnection connection, String url, String mailbox, Map<String, String> headers)
            throws GraphException, InterruptedException {
        return call(connection, "GET", url, null, mailbox, headers);
    }

    /** A call with the app token and a JSON body (null for none); answers 204 as a null node. */
    public JsonNode call(ExchangeConnection connection, String method, String url, Object body, String mailbox,
            Map<String, String> headers) throws GraphException, InterruptedException {
        boolean retriedToken = false;
        for (int attempt = 0; ; attempt++) {
            Token token = token(connection);
            RequestBuilder builder = RequestBuilder.create(method).setUri(uri(url))
                    .setHeader("Authorization", "Bearer " + token.value())
                    .setHeader("Accept", "application/json");
            headers.forEach(builder::addHeader);
            if (body != null) {
                try {
                    builder.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body),
                            ContentType.create("application/json")));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            GraphTransport.Answer response;
            Semaphore slots = mailbox == null ? null : mailboxSlots.computeIfAbsent(
                    mailbox.toLowerCase(Locale.ROOT), key -> new Semaphore(MAILBOX_CONCURRENCY, true));
            if (slots != null) {
                slots.acquire();
            }
            try {
                response = transport.send(connection, builder.build());
            } finally {
                if (slots != null) {
                    slots.release();
                }
            }
            int status = response.status();
            if (status == 204) {
                return null;
            }
            if (status >= 200 && status < 300) {
                return parse(response);
            }
            Duration retryAfter = retryAfter(response);
            JsonNode error = parseQuietly(response).path("error");
            String code = error.path("code").asText("HTTP" + status);
            if (status == 401 && !retriedToken) {
                forgetToken(connection);
                retriedToken = true;
                continue;
            }
            if ((status == 429 || status == 503) && attempt < INLINE_RETRIES
                    && retryAfter != null && retryAfter.compareTo(LONGEST_INLINE_WAIT) <= 0) {
                sleeper.sleep(retryAfter);
                continue;
            }
            throw new GraphException(status, code, error.path("message").asText(""), retryAfter, null);
        }
    }

    private static URI uri(String url) throws GraphException {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new GraphException(0, "BadUrl", "not a URL", null, e);
        }
    }

    private static JsonNode parse(GraphTransport.Answer response) throws GraphException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GraphException(response.status(), "MalformedResponse", "not JSON", null, e);
        }
    }

    private static JsonNode parseQuietly(GraphTransport.Answer response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Duration retryAfter(GraphTransport.Answer response) {
        return response.retryAfter() == null ? null : retryAfter(response.retryAfter(), Instant.now());
    }

    /**
     * Reads a {@code Retry-After} value: seconds, which Microsoft's own throttling sample gives with a fraction
     * ({@code 2.128}, rounded up to the millisecond), or an HTTP date; null when unreadable.
     */
    static Duration retryAfter(String value, Instant now) {
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return Double.isFinite(seconds) ? Duration.ofMillis((long) Math.ceil(Math.max(0, seconds) * 1000)) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The {@code roles} claim of a JWT access token (application permissions); empty when unreadable. */
    static List<String> roles(String jwt) {
        List<String> roles = new ArrayList<>();
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return roles;
        }
        try {
            JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("roles").forEach(r -> roles.add(r.asText()));
        } catch (IOException | IllegalArgumentException e) {
            return roles;
        }
        return roles;
    }

    /** The token audience: the national cloud's Graph, or global Graph when the base URL is not a Graph host. */
    private static String graphAudience(ExchangeConnection connection) {
        String base = graphBase(connection);
        return base.contains("graph.microsoft") || base.contains("microsoftgraph") ? base : DEFAULT_GRAPH;
    }

    private static String tokenKey(ExchangeConnection connection) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((loginBase(connection) + "|"
                    + connection.entraTenantId() + "|" + connection.clientId() + "|" + connection.clientSecret() + "|"
                    + connection.clientCertificate())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The description's first sentence, without the trace, correlation and timestamp lines Entra appends. */
    private static String firstSentence(String description) {
        String firstLine = description.lines().findFirst().orElse("");
        int dot = firstLine.indexOf(". ");
        return dot < 0 ? firstLine : firstLine.substring(0, dot + 1);
    }

    private static String trim(String base) {
        String stripped = base.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
