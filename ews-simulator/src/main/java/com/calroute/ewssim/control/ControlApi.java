package com.calroute.ewssim.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The REST control and fault API under /sim/v1 (JSON); routes onto {@link SimulatorControl}. */
public final class ControlApi implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(ControlApi.class);
    public static final String PREFIX = "/sim/v1";

    private final SimulatorControl control;
    private final Supplier<String> certificatePem;

    /** {@code certificatePem} gives the TLS certificate's PEM, or null when the simulator serves no HTTPS. */
    public ControlApi(SimulatorControl control, Supplier<String> certificatePem) {
        this.control = control;
        this.certificatePem = certificatePem;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (isCertificateRequest(exchange)) {
                sendCertificate(exchange);
                return;
            }
            Object result;
            int status;
            try {
                Response response = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
                        query(exchange.getRequestURI().getRawQuery()), body);
                status = response.status();
                result = response.body();
            } catch (ControlException e) {
                status = e.status();
                result = error(e.getMessage());
            } catch (JsonProcessingException | IllegalArgumentException | DateTimeException e) {
                status = 400;
                result = error(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("control API failure", e);
                status = 500;
                result = error("internal error");
            }
            send(exchange, status, result);
        }
    }

    private record Response(int status, Object body) {
        static Response ok(Object body) {
            return new Response(200, body);
        }

        static Response noContent() {
            return new Response(204, null);
        }
    }

    private Response route(String method, List<String> path, Map<String, String> query, byte[] body) throws IOException {
        if (path.isEmpty()) {
            return Response.ok(Map.of("server", control.server(), "streaming", control.streamingStats()));
        }
        String root = path.get(0);
        int n = path.size();
        switch (root) {
            case "accounts" -> {
                if (n == 1 && is(method, "GET")) {
                    return Response.ok(control.accounts());
                }
                if (n == 2 && is(method, "PUT")) {
                    return Response.ok(control.putAccount(path.get(1), read(body, Specs.AccountSpec.class)));
                }
                if (n == 2 && is(method, "DELETE")) {
                    return found(control.deleteAccount(path.get(1)), "account");
                }
                if (n == 4 && "impersonation".equals(path.get(2)) && is(method, "PUT")) {
                    control.grantImpersonation(path.get(1), path.get(3));
                    return Response.noContent();
                }
                if (n == 4 && "impersonation".equals(path.get(2)) && is(method, "DELETE")) {
                    return found(control.revokeImpersonation(path.get(1), path.get(3)), "grant");
                }
            }
            case "mailboxes" -> {
                return mailboxes(method, path, query, body);
            }
            case "faults" -> {
                if (n == 1 && is(method, "POST")) {
                    return new Response(201, Map.of("id", control.addFault(read(body, Specs.FaultSpec.class))));
                }
                if (n == 1 && is(method, "GET")) {
                    return Response.ok(control.faults());
                }
                if (n == 1 && is(method, "DELETE")) {
                    control.clearFaults();
                    return Response.noContent();
                }
                if (n == 2 && is(method, "DELETE")) {
                    return found(control.removeFault(Long.parseLong(path.get(1))), "fault");
                }
            }
            case "requests" -> {
                if (n == 1 && is(method, "GET")) {
                    return Response.ok(control.requests(query.get("account"), query.get("mailbox"), query.get("operation")));
                }
                if (n == 1 && is(method, "DELETE")) {
                    control.clearRequests();
                    return Response.noContent();
                }
            }
            case "stats" -> {
                if (n == 1 && is(method, "GET")) {
                    return Response.ok(control.stats());
                }
                if (n == 1 && is(method, "DELETE")) {
                    control.resetStats();
                    return Response.noContent();
                }
                if (n == 2 && "streaming".equals(path.get(1)) && is(method, "GET")) {
                    return Response.ok(control.streamingStats());
                }
            }
            case "reset" -> {
                if (n == 1 && is(method, "POST")) {
                    control.reset();
                    return Response.noContent();
                }
            }
            case "server" -> {
                if (n == 1 && is(method, "GET")) {
                    return Response.ok(control.server());
                }
                if (n == 1 && is(method, "PUT")) {
                    return Response.ok(control.updateServer(read(body, Specs.ServerSpec.class)));
                }
            }
            case "scenario" -> {
                if (n == 1 && is(method, "POST")) {
                    control.loadScenario(new ByteArrayInputStream(body));
                    return Response.noContent();
                }
            }
            default -> {
                return new Response(404, error("no such resource"));
            }
        }
        return new Response(405, error("method not allowed here"));
    }

    private Response mailboxes(String method, List<String> path, Map<String, String> query, byte[] body) throws IOException {
        int n = path.size();
        if (n == 1 && is(method, "GET")) {
            return Response.ok(control.mailboxes());
        }
        String smtp = path.get(1);
        if (n == 2) {
            if (is(method, "PUT")) {
                return Response.ok(control.putMailbox(smtp, body.length == 0 ? null : read(body, Specs.MailboxSpec.class)));
            }
            if (is(method, "GET")) {
                return Response.ok(control.mailbox(smtp));
            }
            if (is(method, "DELETE")) {
                return found(control.deleteMailbox(smtp), "mailbox");
            }
        }
        if (n == 3 && "automatic-replies".equals(path.get(2))) {
            if (is(method, "PUT")) {
                return Response.ok(control.putAutomaticReplies(smtp, read(body, Specs.AutomaticRepliesSpec.class)));
            }
            if (is(method, "GET")) {
                return Response.ok(control.automaticReplies(smtp));
            }
        }
        if (n == 3 && "working-hours".equals(path.get(2))) {
            if (is(method, "PUT")) {
                return Response.ok(control.putWorkingHours(smtp, read(body, Specs.WorkingHoursSpec.class)));
            }
            if (is(method, "GET")) {
                return Response.ok(control.workingHours(smtp));
            }
        }
        if (n == 3 && "calendarview".equals(path.get(2)) && is(method, "GET")) {
            return Response.ok(control.calendarView(smtp, Instant.parse(query.get("start")), Instant.parse(query.get("end"))));
        }
        if (n >= 3 && "appointments".equals(path.get(2))) {
            if (n == 3 && is(method, "POST")) {
                return new Response(201, control.createAppointment(smtp, read(body, AppointmentSpec.class)));
            }
            if (n == 3 && is(method, "GET")) {
                return Response.ok(control.appointments(smtp));
            }
            String itemId = path.get(3);
            if (n == 4 && is(method, "GET")) {
                return Response.ok(control.appointment(smtp, itemId));
            }
            if (n == 4 && is(method, "PATCH")) {
                return Response.ok(control.updateAppointment(smtp, itemId, ControlJson.MAPPER.readTree(body)));
            }
            if (n == 4 && is(method, "DELETE")) {
                return found(control.deleteAppointment(smtp, itemId), "appointment");
            }
            if (n == 6 && "occurrences".equals(path.get(4))) {
                Instant originalStart = Instant.parse(path.get(5));
                if (is(method, "PATCH")) {
                    JsonNode patch = ControlJson.MAPPER.readTree(body);
                    return Response.ok(control.modifyOccurrence(smtp, itemId, originalStart,
                            ControlJson.MAPPER.treeToValue(patch, AppointmentSpec.OccurrenceSpec.class)));
                }
                if (is(method, "DELETE")) {
                    control.deleteOccurrence(smtp, itemId, originalStart);
                    return Response.noContent();
                }
            }
        }
        return new Response(405, error("method not allowed here"));
    }

    private static <T> T read(byte[] body, Class<T> type) throws IOException {
        if (body.length == 0) {
            throw ControlException.badRequest("a JSON body is required");
        }
        return ControlJson.MAPPER.readValue(body, type);
    }

    private static Response found(boolean found, String what) {
        if (!found) {
            throw ControlException.notFound(what);
        }
        return Response.noContent();
    }

    private static boolean is(String method, String expected) {
        return expected.equalsIgnoreCase(method);
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", message == null ? "error" : message);
        return json;
    }

    /** Splits the raw path after the prefix and decodes each segment, so ids with %2F stay one segment. */
    private static List<String> segments(String rawPath) {
        String rest = rawPath.length() > PREFIX.length() ? rawPath.substring(PREFIX.length()) : "";
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static boolean isCertificateRequest(HttpExchange exchange) {
        return is(exchange.getRequestMethod(), "GET")
                && segments(exchange.getRequestURI().getRawPath()).equals(List.of("certificate"));
    }

    /**
     * The HTTPS endpoint's certificate as a PEM file, like the certificate an Exchange admin exports from IIS, so a
     * demo or test can hand it to Calroute as the tenant's CA certificate instead of switching verification off.
     */
    private void sendCertificate(HttpExchange exchange) throws IOException {
        String pem = certificatePem.get();
        if (pem == null) {
            send(exchange, 404, error("the simulator serves no HTTPS, so it has no certificate"));
            return;
        }
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/x-pem-file");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] json = ControlJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }
}
