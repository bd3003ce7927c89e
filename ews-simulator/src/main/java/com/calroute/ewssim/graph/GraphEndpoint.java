package com.calroute.ewssim.graph;

import com.calroute.ewssim.SimulatorEngine;
import com.calroute.ewssim.control.ControlJson;
import com.calroute.ewssim.control.RequestLog;
import com.calroute.ewssim.faults.FaultKind;
import com.calroute.ewssim.faults.FaultRule;
import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.Mailbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Microsoft identity platform token endpoint ({@code POST /{tenant}/oauth2/v2.0/token}, client credentials)
 * and the Microsoft Graph v1.0 calendar surface Calroute uses: calendarView delta, the calendar folder and
 * subscriptions, with Graph's error shapes, MailboxConcurrency (4 concurrent requests per app and mailbox) and the
 * injected faults {@code GRAPH_429}, {@code GRAPH_503} and {@code LATENCY}.
 */
public final class GraphEndpoint implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(GraphEndpoint.class);
    private static final Pattern TOKEN_PATH = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token/?$");
    private static final Pattern USER_PATH = Pattern.compile(
            "^/v1\\.0/users/([^/]+)/(calendarView/delta|calendarView|calendar/calendarView|events|calendar)/?$");
    private static final Pattern SETTINGS_PATH =
            Pattern.compile("^/v1\\.0/users/([^/]+)/mailboxSettings(/automaticRepliesSetting|/workingHours)?/?$");
    private static final Pattern SUBSCRIPTION_PATH = Pattern.compile("^/v1\\.0/subscriptions(?:/([^/]+))?/?$");
    private static final Pattern EVENTS_RESOURCE = Pattern.compile("^/?users/([^/]+)/events/?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d+)");
    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final int MAX_PAGE = 1000;

    private final SimulatorEngine engine;
    private final GraphState graph;

    public GraphEndpoint(SimulatorEngine engine) {
        this.engine = engine;
        this.graph = engine.graph();
    }

    /** What {@code GRAPH_MALFORMED} answers: the start of a delta page, cut off inside an event. */
    private static final byte[] TRUNCATED_PAGE = ("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata"
            + "#Collection(event)\",\"value\":[{\"@odata.type\":\"#microsoft.graph.event\",\"id\":\"AAMkAG")
            .getBytes(StandardCharsets.UTF_8);

    /** A Graph or identity-platform error answer (or, for injected faults, any answer: a byte[] body is sent as is). */
    static final class GraphError extends RuntimeException {
        final int status;
        final Object body;
        final Map<String, String> headers;
        final String code;

        GraphError(int status, String code, Object body, Map<String, String> headers) {
            super(code, null, false, false);
            this.status = status;
            this.code = code;
            this.body = body;
            this.headers = headers;
        }

        static GraphError graph(int status, String code, String message) {
            return graph(status, code, message, Map.of());
        }

        static GraphError graph(int status, String code, String message, Map<String, String> headers) {
            Map<String, Object> inner = new LinkedHashMap<>();
            // Graph writes the date without a zone designator.
            inner.put("date", java.time.LocalDateTime.ofInstant(Instant.now(), java.time.ZoneOffset.UTC)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            inner.put("request-id", UUID.randomUUID().toString());
            inner.put("client-request-id", UUID.randomUUID().toString());
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            error.put("innerError", inner);
            return new GraphError(status, code, Map.of("error", error), headers);
        }

        static GraphError identity(int status, String error, int aadsts, String description) {
            // The shape of Microsoft's reference-error-codes sample: CRLF-separated trace lines, "yyyy-MM-dd HH:mm:ssZ".
            String timestamp = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
            String trace = UUID.randomUUID().toString();
            String correlation = UUID.randomUUID().toString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error);
            body.put("error_description", "AADSTS" + aadsts + ": " + description + "\r\nTrace ID: " + trace
                    + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + timestamp);
            body.put("error_codes", List.of(aadsts));
            body.put("timestamp", timestamp);
            body.put("trace_id", trace);
            body.put("correlation_id", correlation);
            body.put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
            return new GraphError(status, error, body, Map.of());
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String path = exchange.getRequestURI().getRawPath();
        String operation = "Graph";
        String appId = null;
        String mailbox = null;
        int status = 500;
        String code = "OK";
        GraphState.Slot slot = null;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                Matcher token = TOKEN_PATH.matcher(path);
                if (token.matches()) {
                    operation = "Token";
                    requireMethod(exchange, "POST");
                    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
                    appId = form.get("client_id");
                    send(exchange, 200, token(URLDecoder.decode(token.group(1), StandardCharsets.UTF_8), form), Map.of());
                    status = 200;
                    return;
                }
                if (!path.startsWith("/v1.0/")) {
                    throw GraphError.graph(404, "BadRequest", "Resource not found for the segment '" + path + "'.");
                }
                GraphTokens.Claims claims = authenticate(exchange);
                appId = claims.appId();
                Matcher user = USER_PATH.matcher(path);
                Matcher subscription = SUBSCRIPTION_PATH.matcher(path);
                Matcher settings = SETTINGS_PATH.matcher(path);
                Object result;
                int ok = 200;
                if (settings.matches()) {
                    mailbox = URLDecoder.decode(settings.group(1), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                    boolean patch = "PATCH".equals(exchange.getRequestMethod());
                    operation = patch ? "UpdateMailboxSettings" : "GetMailboxSettings";
                    if (!patch) {
                        requireMethod(exchange, "GET");
                    } else if (settings.group(2) != null) {
                        throw GraphError.graph(405, "BadRequest", "Unsupported method.");
                    }
                    Mailbox box = authoriseSettings(claims, mailbox, patch);
                    faults(appId, mailbox);
                    latency(appId, mailbox);
                    if (patch) {
                        try {
                            GraphMailboxSettings.patch(box, readJson(body));
                        } catch (IllegalArgumentException e) {
                            throw GraphError.graph(400, "ErrorInvalidRequest", e.getMessage());
                        }
                    }
                    result = settings.group(2) == null ? GraphMailboxSettings.settings(box)
                            : settings.group(2).equals("/workingHours") ? GraphMailboxSettings.workingHours(box)
                            : GraphMailboxSettings.automaticReplies(box);
                } else if (user.matches()) {
                    mailbox = URLDecoder.decode(user.group(1), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                    operation = switch (user.group(2)) {
                        case "calendar" -> "GetCalendar";
                        case "events" -> "ListEvents";
                        case "calendarView/delta" -> "CalendarViewDelta";
                        default -> "CalendarView";
                    };
                    requireMethod(exchange, "GET");
                    Mailbox box = authorise(claims, mailbox);
                    faults(appId, mailbox);
                    slot = graph.enter(appId, mailbox);
                    if (slot == null) {
                        throw GraphError.graph(429, "ApplicationThrottled",
                                "Application is over its MailboxConcurrency limit.", Map.of("Retry-After", "1"));
                    }
                    try {
                        latency(appId, mailbox);
                        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                        String self = baseUrl(exchange) + "/v1.0/users/" + box.smtpAddress() + "/" + user.group(2);
                        GraphEvents.OutputZone output = outputZone(exchange);
                        result = switch (user.group(2)) {
                            case "calendar" -> calendar(box);
                            case "calendarView/delta" -> delta(exchange, claims, box, query);
                            case "events" -> GraphViews.events(box, query, self, output);
                            default -> GraphViews.calendarView(box, dateTime(query.get("startDateTime"), "startDateTime"),
                                    window(query), query, self, output);
                        };
                        String zoneApplied = timeZoneApplied(exchange, output);
                        if (zoneApplied != null && !"calendar".equals(user.group(2))
                                && !"calendarView/delta".equals(user.group(2))) {
                            exchange.setAttribute("graph.preferenceApplied", zoneApplied);
                        }
                    } finally {
                        // The request stops counting once its answer is ready, before the client can see it.
                        slot.close();
                        slot = null;
                    }
                } else if (subscription.matches()) {
                    operation = "Subscription" + exchange.getRequestMethod();
                    faults(appId, null);
                    latency(appId, null);
                    String id = subscription.group(1);
                    switch (exchange.getRequestMethod()) {
                        case "POST" -> {
                            if (id != null) {
                                throw GraphError.graph(405, "BadRequest", "Unsupported method.");
                            }
                            GraphSubscriptions.Subscription created = create(claims, body);
                            mailbox = created.mailbox();
                            result = created.json();
                            ok = 201;
                        }
                        case "GET" -> result = owned(claims, id).json();
                        case "PATCH" -> result = renew(claims, owned(claims, id), body).json();
                        case "DELETE" -> {
                            graph.subscriptions().remove(owned(claims, id).id());
                            result = null;
                            ok = 204;
                        }
                        default -> throw GraphError.graph(405, "BadRequest", "Unsupported method.");
                    }
                } else {
                    throw GraphError.graph(400, "BadRequest", "Resource not found for the segment '"
                            + path.substring("/v1.0/".length()) + "'.");
                }
                Map<String, String> headers = new LinkedHashMap<>();
                if (exchange.getAttribute("graph.preferenceApplied") != null) {
                    headers.put("Preference-Applied", (String) exchange.getAttribute("graph.preferenceApplied"));
                }
                send(exchange, ok, result, headers);
                status = ok;
            } catch (GraphError e) {
                status = e.status;
                code = e.code;
                send(exchange, e.status, e.body, e.headers);
            } catch (RuntimeException e) {
                LOG.error("Graph simulator failure", e);
                status = 500;
                code = "InternalServerError";
                send(exchange, 500, GraphError.graph(500, "InternalServerError", "An internal server error occurred.").body,
                        Map.of());
            }
        } finally {
            if (slot != null) {
                slot.close();
            }
            engine.requestLog().add(new RequestLog.Entry(engine.clock().instant(), appId, mailbox, null, null,
                    "Graph." + operation, code, status, (System.nanoTime() - started) / 1_000_000));
        }
    }

    private Map<String, Object> token(String tenant, Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw GraphError.identity(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + form.get("grant_type") + "'.");
        }
        if (!graph.knowsTenant(tenant)) {
            throw GraphError.identity(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make"
                    + " sure you have the correct tenant ID and are signing into the correct cloud.");
        }
        String clientId = form.get("client_id");
        GraphApp app = clientId == null ? null : graph.app(clientId);
        if (app == null || !app.tenantId().equalsIgnoreCase(tenant)) {
            throw GraphError.identity(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has not"
                    + " been installed by the administrator of the tenant or consented to by any user in the tenant.");
        }
        if ("urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
            ClientAssertions.verify(form.get("client_assertion"), app, tenant, engine.clock().instant());
        } else if (form.get("client_secret") == null || form.get("client_secret").isEmpty()) {
            throw GraphError.identity(401, "invalid_client", 7000218, "The request body must contain the following"
                    + " parameter: 'client_assertion' or 'client_secret'.");
        } else if (!form.get("client_secret").equals(app.clientSecret())) {
            throw GraphError.identity(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the"
                    + " secret being sent in the request is the client secret value, not the client secret ID, for a"
                    + " secret added to app '" + clientId + "'.");
        }
        if (!(GraphTokens.AUDIENCE + "/.default").equals(form.get("scope"))) {
            throw GraphError.identity(400, "invalid_scope", 1002012, "The provided value for scope "
                    + form.get("scope") + " is not valid. Client credential flows must have a scope value with"
                    + " /.default suffixed to the resource identifier (application ID URI).");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", app.tokenLifetimeSeconds());
        answer.put("ext_expires_in", app.tokenLifetimeSeconds());
        answer.put("access_token", graph.tokens().issue(app, engine.clock().instant()));
        graph.countToken();
        return answer;
    }

    private GraphTokens.Claims authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthenticated("Access token is empty.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthenticated("Access token validation failure. Invalid audience.");
        }
        GraphTokens.Claims claims = graph.tokens().verify(header.substring(7).trim());
        if (claims == null) {
            throw unauthenticated("Lifetime validation failed, the token is expired or its signature is invalid.");
        }
        return claims;
    }

    private static GraphError unauthenticated(String message) {
        return GraphError.graph(401, "InvalidAuthenticationToken", message, Map.of("WWW-Authenticate",
                "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\","
                        + " client_id=\"00000003-0000-0000-c000-000000000000\""));
    }

    /** The permission and RBAC checks Exchange Online makes for an app-only call on a mailbox. */
    private Mailbox authorise(GraphTokens.Claims claims, String smtp) {
        Mailbox box = engine.directory().find(smtp);
        if (box == null) {
            throw GraphError.graph(404, "ErrorInvalidUser", "The requested user '" + smtp + "' is invalid.");
        }
        // Two independent grants that add up, as in Exchange Online: an Entra application permission with admin
        // consent (in the token's roles) covers every mailbox; an RBAC for Applications assignment (not in the
        // token) covers the mailboxes of its scope.
        GraphApp app = graph.app(claims.appId());
        boolean tenantWide = claims.roles().contains("Calendars.Read") || claims.roles().contains("Calendars.ReadWrite");
        if (app == null || !(tenantWide || app.mayRead(box.smtpAddress()))) {
            throw GraphError.graph(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }
        return box;
    }

    /**
     * Mailbox settings need their own application permission (MailboxSettings.Read, or MailboxSettings.ReadWrite to
     * change them); calendar permissions do not cover them.
     */
    private Mailbox authoriseSettings(GraphTokens.Claims claims, String smtp, boolean write) {
        Mailbox box = engine.directory().find(smtp);
        if (box == null) {
            throw GraphError.graph(404, "ErrorInvalidUser", "The requested user '" + smtp + "' is invalid.");
        }
        boolean granted = claims.roles().contains("MailboxSettings.ReadWrite")
                || !write && claims.roles().contains("MailboxSettings.Read");
        if (graph.app(claims.appId()) == null || !granted) {
            throw GraphError.graph(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }
        return box;
    }

    /** An injected delay, taken while the request holds its MailboxConcurrency slot. */
    private void latency(String appId, String mailbox) {
        FaultRule latency = engine.faults().fire(FaultKind.LATENCY, appId, mailbox);
        if (latency != null) {
            try {
                Thread.sleep(latency.latencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void faults(String appId, String mailbox) {
        FaultRule throttled = engine.faults().fire(FaultKind.GRAPH_429, appId, mailbox);
        if (throttled != null) {
            graph.countThrottled();
            throw GraphError.graph(429, "TooManyRequests", "Please retry again later.",
                    Map.of("Retry-After", retryAfter(throttled)));
        }
        if (engine.faults().fire(FaultKind.GRAPH_MALFORMED, appId, mailbox) != null) {
            throw new GraphError(200, "Malformed", TRUNCATED_PAGE, Map.of());
        }
        FaultRule unavailable = engine.faults().fire(FaultKind.GRAPH_503, appId, mailbox);
        if (unavailable != null) {
            throw GraphError.graph(503, "ServiceUnavailable", "Service Unavailable.",
                    Map.of("Retry-After", retryAfter(unavailable)));
        }
    }

    private static String retryAfter(FaultRule rule) {
        long ms = rule.backOffMs() <= 0 ? 1000 : rule.backOffMs();
        return Long.toString((ms + 999) / 1000);
    }

    private Map<String, Object> calendar(Mailbox box) {
        Map<String, Object> calendar = new LinkedHashMap<>();
        calendar.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users('" + box.smtpAddress()
                + "')/calendar/$entity");
        calendar.put("id", GraphEvents.restId(box.calendarFolderId()));
        calendar.put("name", "Calendar");
        calendar.put("color", "auto");
        calendar.put("isDefaultCalendar", true);
        calendar.put("changeKey", box.calendarFolderChangeKey());
        calendar.put("canShare", false);
        calendar.put("canViewPrivateItems", true);
        calendar.put("canEdit", false);
        calendar.put("owner", Map.of("name", box.displayName(), "address", box.smtpAddress()));
        return calendar;
    }

    private Map<String, Object> delta(HttpExchange exchange, GraphTokens.Claims claims, Mailbox box,
            Map<String, String> query) {
        String base = baseUrl(exchange) + "/v1.0/users/" + box.smtpAddress() + "/calendarView/delta";
        int pageSize = pageSize(exchange);
        DeltaRounds rounds = graph.rounds();
        DeltaRounds.Pending pending;
        if (query.containsKey("$skiptoken")) {
            pending = rounds.skip(query.get("$skiptoken"));
            if (pending == null || !pending.appId().equals(claims.appId()) || !pending.mailbox().equals(box.smtpAddress())) {
                throw syncStateGone();
            }
        } else {
            Instant from;
            Instant to;
            Map<String, Map<String, Object>> known;
            if (query.containsKey("$deltatoken")) {
                DeltaRounds.Known previous = rounds.delta(query.get("$deltatoken"));
                if (previous == null || !previous.appId().equals(claims.appId())
                        || !previous.mailbox().equals(box.smtpAddress())) {
                    throw syncStateGone();
                }
                from = previous.from();
                to = previous.to();
                known = previous.events();
            } else {
                from = dateTime(query.get("startDateTime"), "startDateTime");
                to = window(query);
                known = Map.of();
            }
            Map<String, Map<String, Object>> current = new LinkedHashMap<>();
            GraphEvents.OutputZone output = outputZone(exchange);
            for (CalendarInstance instance : box.calendarView(from, to)) {
                Map<String, Object> event = GraphEvents.event(box, instance, output);
                current.put((String) event.get("id"), event);
            }
            List<Map<String, Object>> items = new ArrayList<>();
            current.forEach((id, event) -> {
                if (!event.equals(known.get(id))) {
                    items.add(event);
                }
            });
            known.keySet().stream().filter(id -> !current.containsKey(id)).forEach(id -> items.add(GraphEvents.removed(id)));
            String deltaToken = rounds.saveDelta(new DeltaRounds.Known(claims.appId(), box.smtpAddress(), from, to,
                    Map.copyOf(current)));
            pending = new DeltaRounds.Pending(claims.appId(), box.smtpAddress(), List.copyOf(items), 0, deltaToken);
        }
        int end = Math.min(pending.items().size(), pending.offset() + pageSize);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#Collection(event)");
        if (end < pending.items().size()) {
            String skip = rounds.saveSkip(new DeltaRounds.Pending(pending.appId(), pending.mailbox(), pending.items(),
                    end, pending.deltaToken()));
            page.put("@odata.nextLink", base + "?$skiptoken=" + skip);
        } else {
            page.put("@odata.deltaLink", base + "?$deltatoken=" + pending.deltaToken());
        }
        page.put("value", pending.items().subList(pending.offset(), end));
        String zoneApplied = timeZoneApplied(exchange, outputZone(exchange));
        exchange.setAttribute("graph.preferenceApplied", "odata.maxpagesize=" + pageSize
                + (zoneApplied == null ? "" : ", " + zoneApplied));
        return page;
    }

    /** The end of a window whose start is valid: present, a date-time, and later than the start. */
    private static Instant window(Map<String, String> query) {
        Instant from = dateTime(query.get("startDateTime"), "startDateTime");
        Instant to = dateTime(query.get("endDateTime"), "endDateTime");
        if (!to.isAfter(from)) {
            throw GraphError.graph(400, "ErrorInvalidParameter",
                    "The value of the parameter 'EndDateTime' must be later than 'StartDateTime'.");
        }
        return to;
    }

    private static GraphEvents.OutputZone outputZone(HttpExchange exchange) {
        return GraphEvents.OutputZone.fromPrefer(exchange.getRequestHeaders().getOrDefault("Prefer", List.of()));
    }

    /** The Preference-Applied value for the time zone, or null when none was asked for. */
    private static String timeZoneApplied(HttpExchange exchange, GraphEvents.OutputZone output) {
        return timeZoneRequested(exchange) ? "outlook.timezone=\"" + output.name() + "\"" : null;
    }

    private static GraphError syncStateGone() {
        // Microsoft's wording for syncStateNotFound; a reset is a 410 Gone.
        return GraphError.graph(410, "syncStateNotFound",
                "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
    }

    private GraphSubscriptions.Subscription create(GraphTokens.Claims claims, byte[] body) {
        JsonNode json = readJson(body);
        String resource = json.path("resource").asText(null);
        Matcher matcher = resource == null ? null : EVENTS_RESOURCE.matcher(resource);
        if (matcher == null || !matcher.matches()) {
            throw GraphError.graph(400, "ExtensionError", "Operation: Create; Exception: [Status Code: BadRequest;"
                    + " Reason: The resource '" + resource + "' is not supported by this simulator (users/{id}/events).]");
        }
        String smtp = URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        Mailbox box = authorise(claims, smtp);
        Set<String> changeTypes = new LinkedHashSet<>();
        for (String type : json.path("changeType").asText("").split(",")) {
            String trimmed = type.trim();
            if (!Set.of("created", "updated", "deleted").contains(trimmed)) {
                throw GraphError.graph(400, "InvalidRequest", "Invalid 'changeType' attribute: '" + trimmed + "'.");
            }
            changeTypes.add(trimmed);
        }
        String notificationUrl = json.path("notificationUrl").asText(null);
        if (notificationUrl == null || !(notificationUrl.startsWith("https://") || notificationUrl.startsWith("http://"))) {
            throw GraphError.graph(400, "InvalidRequest", "The subscription needs a notificationUrl.");
        }
        Instant expiration = expiration(json);
        String lifecycleUrl = json.path("lifecycleNotificationUrl").asText(null);
        String clientState = json.path("clientState").asText(null);
        // Optional in Graph's subscription resource; Microsoft recommends it (so a receiver can verify senders) but
        // does not require it.
        if (clientState != null && clientState.length() > 128) {
            throw GraphError.graph(400, "InvalidRequest", "clientState is longer than 128 characters.");
        }
        if (!graph.subscriptions().validate(notificationUrl)
                || (lifecycleUrl != null && !graph.subscriptions().validate(lifecycleUrl))) {
            throw GraphError.graph(400, "ValidationError", "Subscription validation request failed. Notification"
                    + " endpoint must respond with 200 OK to validation request.");
        }
        return graph.subscriptions().add(resource, box.smtpAddress(), claims.appId(), claims.tenantId(), changeTypes,
                notificationUrl, lifecycleUrl, clientState, expiration);
    }

    private GraphSubscriptions.Subscription owned(GraphTokens.Claims claims, String id) {
        GraphSubscriptions.Subscription subscription = graph.subscriptions().find(id);
        if (subscription == null || !subscription.appId().equals(claims.appId())) {
            throw GraphError.graph(404, "ResourceNotFound", "The object was not found.");
        }
        return subscription;
    }

    private GraphSubscriptions.Subscription renew(GraphTokens.Claims claims, GraphSubscriptions.Subscription subscription,
            byte[] body) {
        subscription.expiration = expiration(readJson(body));
        return subscription;
    }

    private Instant expiration(JsonNode json) {
        Instant expiration;
        try {
            expiration = OffsetDateTime.parse(json.path("expirationDateTime").asText("")).toInstant();
        } catch (DateTimeParseException e) {
            throw GraphError.graph(400, "InvalidRequest", "expirationDateTime is missing or not a date-time.");
        }
        Instant now = engine.clock().instant();
        if (!expiration.isAfter(now)) {
            throw GraphError.graph(400, "InvalidRequest", "Subscription expiration must be in the future.");
        }
        if (expiration.isAfter(now.plus(GraphSubscriptions.MAX_LIFETIME))) {
            throw GraphError.graph(400, "InvalidRequest", "Subscription expiration can only be "
                    + GraphSubscriptions.MAX_LIFETIME.toMinutes() + " minutes in the future.");
        }
        return expiration;
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return ControlJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw GraphError.graph(400, "BadRequest", "Unable to read JSON request payload.");
        }
    }

    private static int pageSize(HttpExchange exchange) {
        for (String prefer : exchange.getRequestHeaders().getOrDefault("Prefer", List.of())) {
            Matcher matcher = MAX_PAGE_SIZE.matcher(prefer);
            if (matcher.find()) {
                return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(matcher.group(1))));
            }
        }
        return DEFAULT_PAGE_SIZE;
    }

    private static boolean timeZoneRequested(HttpExchange exchange) {
        return exchange.getRequestHeaders().getOrDefault("Prefer", List.of()).stream()
                .anyMatch(prefer -> prefer.contains("outlook.timezone"));
    }

    private static Instant dateTime(String value, String name) {
        if (value == null || value.isBlank()) {
            throw GraphError.graph(400, "ErrorInvalidParameter", "This request requires a time window specified by"
                    + " the query string parameters StartDateTime and EndDateTime.");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw GraphError.graph(400, "ErrorInvalidParameter", "The value of the parameter '" + name
                        + "' is not a valid date-time.");
            }
        }
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!method.equals(exchange.getRequestMethod())) {
            throw GraphError.graph(405, "BadRequest", "Unsupported method.");
        }
    }

    private static String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        String scheme = exchange instanceof com.sun.net.httpserver.HttpsExchange ? "https" : "http";
        return scheme + "://" + (host != null ? host : "127.0.0.1:" + exchange.getLocalAddress().getPort());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        Arrays.stream(raw.split("&")).forEach(pair -> {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        });
        return query;
    }

    private static void send(HttpExchange exchange, int status, Object body, Map<String, String> headers)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("request-id", UUID.randomUUID().toString());
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body instanceof byte[] raw ? raw : ControlJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
