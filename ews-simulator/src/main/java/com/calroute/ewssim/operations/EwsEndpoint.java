package com.calroute.ewssim.operations;

import com.calroute.ewssim.ServerVersion;
import com.calroute.ewssim.SimulatorEngine;
import com.calroute.ewssim.auth.ConnectionAuthentication;
import com.calroute.ewssim.auth.HttpAuthenticator;
import com.calroute.ewssim.auth.ServiceAccount;
import com.calroute.ewssim.connection.ClientConnections;
import com.calroute.ewssim.control.RequestLog;
import com.calroute.ewssim.faults.FaultKind;
import com.calroute.ewssim.faults.FaultRule;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.soap.EwsFault;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.SoapRequest;
import com.calroute.ewssim.streaming.Subscription;
import com.calroute.ewssim.throttling.Throttler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The EWS endpoint, {@code POST /EWS/Exchange.asmx}: authenticates, parses the SOAP request, resolves
 * impersonation, applies injected faults and throttling, runs the operation and records the request.
 */
public final class EwsEndpoint implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(EwsEndpoint.class);
    private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final String XML = "text/xml; charset=utf-8";

    private final SimulatorEngine engine;
    private final HttpAuthenticator authenticator;
    private final ClientConnections connections;
    private final Map<String, Operation> operations = Map.ofEntries(
            Map.entry("FindItem", new FindItemOperation()),
            Map.entry("GetItem", new GetItemOperation()),
            Map.entry("GetFolder", new GetFolderOperation()),
            Map.entry("SyncFolderItems", new SyncFolderItemsOperation()),
            Map.entry("Subscribe", new SubscriptionOperations.Subscribe()),
            Map.entry("GetEvents", new SubscriptionOperations.GetEvents()),
            Map.entry("Unsubscribe", new SubscriptionOperations.Unsubscribe()),
            Map.entry("GetUserOofSettingsRequest", new OofOperations.Get()),
            Map.entry("SetUserOofSettingsRequest", new OofOperations.Set()),
            Map.entry("GetUserAvailabilityRequest", new GetUserAvailabilityOperation()),
            Map.entry("GetServerTimeZones", new GetServerTimeZonesOperation()),
            Map.entry("ResolveNames", new ResolveNamesOperation()),
            Map.entry("ConvertId", new ConvertIdOperation()));
    private final GetStreamingEventsOperation streaming = new GetStreamingEventsOperation();

    public EwsEndpoint(SimulatorEngine engine, HttpAuthenticator authenticator, ClientConnections connections) {
        this.engine = engine;
        this.authenticator = authenticator;
        this.connections = connections;
    }

    /** What is known about a request so far, for the request log. */
    private static final class Trace {
        final long startNanos = System.nanoTime();
        final Instant at;
        String account;
        String impersonated;
        String anchor;
        String operation;
        String responseCode;
        int status;
        boolean recorded;

        Trace(Instant at) {
            this.at = at;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Trace trace = new Trace(engine.clock().instant());
        trace.anchor = exchange.getRequestHeaders().getFirst("X-AnchorMailbox");
        boolean dropped = false;
        try {
            handle(exchange, trace);
        } catch (GetStreamingEventsOperation.DroppedConnection drop) {
            dropped = true;
            throw drop;
        } catch (IOException e) {
            LOG.debugf("client went away: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure answering an EWS request", e);
            trace.responseCode = ResponseCodes.INTERNAL_SERVER_ERROR;
            sendFault(exchange, trace, new EwsFault(ResponseCodes.INTERNAL_SERVER_ERROR,
                    ResponseCodes.messageFor(ResponseCodes.INTERNAL_SERVER_ERROR), Map.of()));
        } finally {
            if (!dropped) {
                exchange.close();
            }
            record(trace);
        }
    }

    /**
     * Answers one request. A {@link GetStreamingEventsOperation.DroppedConnection} escapes on purpose: the exchange is
     * then left unclosed and the JDK server closes the socket, so the client sees a cut stream, not a clean end.
     */
    private void handle(HttpExchange exchange, Trace trace) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        ConnectionAuthentication connection = connections.of(exchange).authentication();
        HttpAuthenticator.Result auth = authenticator.authenticate(
                exchange.getRequestHeaders().getFirst("Authorization"), connection);
        if (!auth.authenticated()) {
            sendUnauthorized(exchange, trace, auth.challenges());
            return;
        }
        ServiceAccount account = auth.account();
        trace.account = account.user();
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            send(exchange, trace, 200, "text/html; charset=utf-8",
                    "<html><body>You have created a service.</body></html>".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ServerVersion version = engine.settings().serverVersion();
        try {
            SoapRequest request = SoapRequest.parse(body);
            trace.operation = request.operationName();
            checkVersion(request, version);
            Mailbox impersonated = resolveImpersonation(request, account);
            trace.impersonated = impersonated == null ? null : impersonated.smtpAddress();
            String mailbox = trace.impersonated;
            if (engine.faults().fire(FaultKind.HTTP_401, account.key(), mailbox, trace.operation) != null) {
                connection.clear();
                sendUnauthorized(exchange, trace, authenticator.offeredChallenges());
                return;
            }
            if (engine.faults().fire(FaultKind.HTTP_503, account.key(), mailbox, trace.operation) != null) {
                send(exchange, trace, 503, "text/html; charset=utf-8",
                        "<html><body><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></body></html>"
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            FaultRule busy = engine.faults().fire(FaultKind.SERVER_BUSY, account.key(), mailbox, trace.operation);
            if (busy != null) {
                throw engine.throttler().injectedServerBusy(account, busy.backOffMs());
            }
            OperationContext context = new OperationContext(engine, account, request, impersonated);
            try (Throttler.Permit permit = engine.throttler().admit(account, mailbox)) {
                FaultRule latency = engine.faults().fire(FaultKind.LATENCY, account.key(), mailbox, trace.operation);
                if (latency != null) {
                    sleep(latency.latencyMs());
                }
                if ("GetStreamingEvents".equals(trace.operation)) {
                    permit.close();
                    stream(exchange, trace, context);
                    return;
                }
                Operation operation = operations.get(trace.operation);
                if (operation == null) {
                    throw new EwsFault(ResponseCodes.INVALID_REQUEST, "The simulator does not implement the "
                            + trace.operation + " operation.", Map.of());
                }
                byte[] response = operation.execute(context);
                trace.responseCode = context.responseCode();
                send(exchange, trace, 200, XML, corrupt(response, account.key(), mailbox));
            }
        } catch (EwsFault fault) {
            trace.responseCode = fault.responseCode();
            sendFault(exchange, trace, fault);
        }
    }

    private void stream(HttpExchange exchange, Trace trace, OperationContext context) throws IOException {
        List<Subscription> subscriptions = new ArrayList<>();
        byte[] error = streaming.validate(context, subscriptions);
        if (error != null) {
            trace.responseCode = context.responseCode();
            send(exchange, trace, 200, XML, error);
            return;
        }
        trace.status = 200;
        trace.responseCode = ResponseCodes.NO_ERROR;
        record(trace);
        streaming.stream(context, exchange, subscriptions);
    }

    private void checkVersion(SoapRequest request, ServerVersion version) {
        String requested = request.requestServerVersion();
        if (requested != null && !version.accepts(requested)) {
            throw EwsFault.of(ResponseCodes.INVALID_SERVER_VERSION);
        }
    }

    /** Exchange answers impersonation failures with SOAP faults (HTTP 500), before running the operation. */
    private Mailbox resolveImpersonation(SoapRequest request, ServiceAccount account) {
        SoapRequest.Impersonation impersonation = request.impersonation();
        if (impersonation == null) {
            return null;
        }
        Mailbox mailbox = "SID".equals(impersonation.kind()) ? null : engine.directory().find(impersonation.value());
        if (mailbox == null) {
            throw new EwsFault(ResponseCodes.NON_EXISTENT_MAILBOX, ResponseCodes.messageFor(ResponseCodes.NON_EXISTENT_MAILBOX),
                    Map.of(impersonation.kind(), impersonation.value()));
        }
        if (!account.hasAnyImpersonationRight()) {
            throw EwsFault.of(ResponseCodes.IMPERSONATION_DENIED);
        }
        if (!account.mayImpersonate(mailbox.smtpAddress())) {
            throw EwsFault.of(ResponseCodes.IMPERSONATE_USER_DENIED);
        }
        return mailbox;
    }

    private byte[] corrupt(byte[] response, String accountKey, String mailbox) {
        if (engine.faults().fire(FaultKind.MALFORMED_XML, accountKey, mailbox) != null) {
            String text = new String(response, StandardCharsets.UTF_8);
            return (text.substring(0, text.length() / 2) + "<t:Unclosed attr=\"").getBytes(StandardCharsets.UTF_8);
        }
        if (engine.faults().fire(FaultKind.XXE, accountKey, mailbox) != null) {
            String text = new String(response, StandardCharsets.UTF_8);
            String declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
            String doctype = "<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>";
            text = text.replace(declaration, declaration + doctype)
                    .replaceFirst("<m:ResponseCode>NoError</m:ResponseCode>", "<m:ResponseCode>NoError&xxe;</m:ResponseCode>");
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return response;
    }

    private void sendFault(HttpExchange exchange, Trace trace, EwsFault fault) {
        try {
            send(exchange, trace, 500, XML, SoapEnvelopes.fault(engine.settings().serverVersion(), fault));
        } catch (IOException e) {
            LOG.debugf("client went away before the fault was sent: %s", e.getMessage());
        }
    }

    private void sendUnauthorized(HttpExchange exchange, Trace trace, List<String> challenges) throws IOException {
        challenges.forEach(challenge -> exchange.getResponseHeaders().add("WWW-Authenticate", challenge));
        trace.responseCode = "Unauthorized";
        send(exchange, trace, 401, "text/html; charset=utf-8",
                "<html><body>401 - Unauthorized: Access is denied due to invalid credentials.</body></html>"
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Records the request before answering, so a client that has its answer also finds it in the request log. */
    private void send(HttpExchange exchange, Trace trace, int status, String contentType, byte[] body) throws IOException {
        trace.status = status;
        record(trace);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Powered-By", "ASP.NET");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private void record(Trace trace) {
        if (trace.recorded || (trace.status == 401 && trace.account == null)) {
            return;
        }
        trace.recorded = true;
        Boolean anchorMatches = trace.impersonated == null ? null
                : trace.anchor != null && trace.anchor.trim().equalsIgnoreCase(trace.impersonated);
        engine.requestLog().add(new RequestLog.Entry(trace.at, trace.account, trace.impersonated, trace.anchor,
                anchorMatches, trace.operation, trace.responseCode, trace.status,
                (System.nanoTime() - trace.startNanos) / 1_000_000));
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            throw new IOException("request body over " + MAX_REQUEST_BYTES + " bytes");
        }
        return body;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
