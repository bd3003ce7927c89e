package com.calroute.ewssim.operations;

import com.calroute.ewssim.faults.FaultKind;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import com.calroute.ewssim.streaming.StreamingConnection;
import com.calroute.ewssim.streaming.Subscription;
import com.calroute.ewssim.streaming.SubscriptionRegistry;
import com.sun.net.httpserver.HttpExchange;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetStreamingEvents: one long chunked HTTP response carrying successive SOAP envelopes, each in its own chunk:
 * notifications as soon as a change happens, a ConnectionStatus OK heartbeat when nothing happened for
 * heartbeatSeconds, and ConnectionStatus Closed when the connection timeout is reached.
 */
public final class GetStreamingEventsOperation {
    private static final String MESSAGE = "GetStreamingEventsResponseMessage";
    /** Lets a burst of changes (e.g. a series edit) travel in one envelope instead of several. */
    private static final long COALESCE_MILLIS = 15;

    /** Thrown to cut the connection without a clean end (fault injection); the HTTP server then drops the socket. */
    public static final class DroppedConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DroppedConnection() {
            super("streaming connection dropped by fault injection", null, false, false);
        }
    }

    /** Validates the request; returns a complete error document, or null when streaming may start. */
    public byte[] validate(OperationContext context, List<Subscription> accepted) {
        Element request = context.operation();
        List<String> ids = new ArrayList<>();
        for (Element id : Dom.children(Dom.child(request, EwsNamespaces.MESSAGES, "SubscriptionIds"), EwsNamespaces.TYPES, "SubscriptionId")) {
            ids.add(Dom.text(id));
        }
        SubscriptionRegistry registry = context.engine().subscriptions();
        MessageError error = null;
        List<String> failedIds = new ArrayList<>();
        if (ids.isEmpty()) {
            error = new MessageError(ResponseCodes.INVALID_REQUEST);
        } else if (ids.size() > context.engine().settings().maxSubscriptionsPerStreamingConnection()) {
            error = new MessageError(ResponseCodes.INVALID_ARGUMENT, "A GetStreamingEvents request can carry at most "
                    + context.engine().settings().maxSubscriptionsPerStreamingConnection() + " subscriptions.", Map.of());
        } else {
            for (String id : ids) {
                Subscription subscription = registry.find(id);
                if (subscription == null || !subscription.accountKey().equals(context.account().key())) {
                    failedIds.add(id);
                } else if (subscription.kind() != Subscription.Kind.STREAMING) {
                    error = new MessageError(ResponseCodes.INVALID_SUBSCRIPTION);
                } else {
                    accepted.add(subscription);
                }
            }
            if (!failedIds.isEmpty()) {
                error = new MessageError(ResponseCodes.SUBSCRIPTION_NOT_FOUND);
            } else if (error == null && registry.openConnections(context.budgetKey())
                    >= context.engine().settings().maxStreamingConnectionsPerMailbox()) {
                error = new MessageError(ResponseCodes.EXCEEDED_CONNECTION_COUNT);
            }
        }
        if (error == null) {
            return null;
        }
        context.noteResponseCode(error.responseCode());
        XmlWriter w = new XmlWriter(1024);
        beginStreamedEnvelope(w, context);
        SoapEnvelopes.beginError(w, MESSAGE, error);
        if (!failedIds.isEmpty()) {
            w.start("m:ErrorSubscriptionIds");
            failedIds.forEach(id -> w.element("m:SubscriptionId", id));
            w.end();
        }
        // Exchange ends a refused stream as it ends any other: the connection is closed (GetStreamingEvents
        // operation, error response example).
        w.element("m:ConnectionStatus", "Closed");
        return SoapEnvelopes.finish(w);
    }

    /** Streams until the connection timeout, a client disconnect or an injected drop. */
    public void stream(OperationContext context, HttpExchange exchange, List<Subscription> subscriptions) throws IOException {
        String timeoutText = Dom.childText(context.operation(), EwsNamespaces.MESSAGES, "ConnectionTimeout");
        int requestedMinutes = timeoutText == null ? 30 : Math.max(1, Math.min(30, Integer.parseInt(timeoutText)));
        long seconds = Math.min(requestedMinutes * 60L, context.engine().settings().streamingConnectionLimitSeconds());
        SubscriptionRegistry registry = context.engine().subscriptions();
        StreamingConnection connection = new StreamingConnection(context.account().key(), context.budgetKey(), subscriptions);
        registry.register(connection);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String mailbox = context.impersonated() == null ? null : context.impersonated().smtpAddress();
            if (context.engine().faults().fire(FaultKind.DROP_STREAMING, context.account().key(), mailbox) != null) {
                throw new DroppedConnection();
            }
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long heartbeatNanos = Math.max(1, context.engine().settings().heartbeatSeconds()) * 1_000_000_000L;
            long nextHeartbeat = System.nanoTime() + heartbeatNanos;
            while (true) {
                long now = System.nanoTime();
                if (connection.dropped()) {
                    throw new DroppedConnection();
                }
                if (connection.closed() || now >= deadline) {
                    writeEnvelope(out, context, null, "Closed");
                    break;
                }
                Map<Subscription, List<Subscription.PendingEvent>> batch = drain(subscriptions);
                if (!batch.isEmpty()) {
                    writeEnvelope(out, context, batch, null);
                    nextHeartbeat = System.nanoTime() + heartbeatNanos;
                    continue;
                }
                if (now >= nextHeartbeat) {
                    writeEnvelope(out, context, null, "OK");
                    nextHeartbeat = now + heartbeatNanos;
                    continue;
                }
                long waitMillis = Math.max(1, Math.min(nextHeartbeat, deadline) - now) / 1_000_000L;
                try {
                    if (connection.await(waitMillis)) {
                        Thread.sleep(COALESCE_MILLIS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            out.close();
        } finally {
            registry.unregister(connection);
        }
    }

    private static Map<Subscription, List<Subscription.PendingEvent>> drain(List<Subscription> subscriptions) {
        Map<Subscription, List<Subscription.PendingEvent>> batch = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions) {
            List<Subscription.PendingEvent> events = subscription.drain();
            if (!events.isEmpty()) {
                batch.put(subscription, events);
            }
        }
        return batch;
    }

    private static void writeEnvelope(OutputStream out, OperationContext context,
            Map<Subscription, List<Subscription.PendingEvent>> notifications, String connectionStatus) throws IOException {
        XmlWriter w = new XmlWriter(2048);
        beginStreamedEnvelope(w, context);
        SoapEnvelopes.beginSuccess(w, MESSAGE);
        if (notifications != null) {
            w.start("m:Notifications");
            notifications.forEach((subscription, events) -> {
                w.start("m:Notification");
                w.element("t:SubscriptionId", subscription.id());
                events.forEach(event -> SubscriptionOperations.writeEvent(w, event.event(), null));
                w.end();
            });
            w.end();
        }
        w.element("m:ConnectionStatus", connectionStatus);
        out.write(SoapEnvelopes.finish(w));
        out.flush();
    }

    /**
     * Opens one streamed envelope, leaving the writer inside {@code m:ResponseMessages}. Exchange writes each chunk's
     * envelope in the default SOAP namespace with {@code soap11:}-prefixed Header and Body (GetStreamingEvents
     * operation, response example), unlike its other answers; some clients look only for that form, others only for
     * a prefixed one. The prefixed form stays available so clients can prove they read both.
     */
    static void beginStreamedEnvelope(XmlWriter w, OperationContext context) {
        if (context.engine().settings().prefixedStreamingEnvelopes()) {
            w.start("s:Envelope").attr("xmlns:s", EwsNamespaces.SOAP);
            w.start("s:Header");
            SoapEnvelopes.serverVersionInfo(w, context.version());
            w.end();
            w.start("s:Body").attr("xmlns:xsi", EwsNamespaces.XSI).attr("xmlns:xsd", EwsNamespaces.XSD);
        } else {
            w.start("Envelope").attr("xmlns", EwsNamespaces.SOAP);
            w.start("soap11:Header").attr("xmlns:soap11", EwsNamespaces.SOAP);
            SoapEnvelopes.serverVersionInfo(w, context.version());
            w.end();
            w.start("soap11:Body").attr("xmlns:soap11", EwsNamespaces.SOAP);
        }
        w.start("m:GetStreamingEventsResponse").attr("xmlns:m", EwsNamespaces.MESSAGES).attr("xmlns:t", EwsNamespaces.TYPES);
        w.start("m:ResponseMessages");
    }
}
