package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.MailboxEvent;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import com.calroute.ewssim.streaming.Subscription;
import org.w3c.dom.Element;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Subscribe (pull and streaming), GetEvents (pull) and Unsubscribe. */
public final class SubscriptionOperations {
    private static final int MAX_EVENTS_PER_GET = 50;

    private SubscriptionOperations() {
    }

    /** The Subscribe operation. */
    public static final class Subscribe implements Operation {
        private static final String MESSAGE = "SubscribeResponseMessage";

        @Override
        public byte[] execute(OperationContext context) {
            Element request = context.operation();
            Element pull = Dom.child(request, EwsNamespaces.MESSAGES, "PullSubscriptionRequest");
            Element streaming = Dom.child(request, EwsNamespaces.MESSAGES, "StreamingSubscriptionRequest");
            XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "SubscribeResponse", 1024);
            try {
                Element spec = pull != null ? pull : streaming;
                if (spec == null) {
                    throw new MessageError(ResponseCodes.INVALID_REQUEST, "Only pull and streaming subscriptions are "
                            + "simulated.", java.util.Map.of());
                }
                if (streaming != null && !context.version().atLeast(com.calroute.ewssim.ServerVersion.EXCHANGE2010_SP1)) {
                    throw new MessageError(ResponseCodes.INVALID_REQUEST, "Streaming notifications need Exchange 2010 SP1.",
                            java.util.Map.of());
                }
                Mailbox mailbox = null;
                boolean calendar = "true".equalsIgnoreCase(Dom.attr(spec, "SubscribeToAllFolders"));
                for (Element folderId : Dom.childElements(Dom.child(spec, EwsNamespaces.TYPES, "FolderIds"))) {
                    mailbox = context.resolveFolder(folderId);
                    calendar = true;
                }
                if (mailbox == null) {
                    mailbox = context.actingMailbox();
                    if (mailbox == null) {
                        throw new MessageError(ResponseCodes.MISSING_EMAIL_ADDRESS);
                    }
                }
                Set<MailboxEvent.Type> types = EnumSet.noneOf(MailboxEvent.Type.class);
                for (Element type : Dom.children(Dom.child(spec, EwsNamespaces.TYPES, "EventTypes"), EwsNamespaces.TYPES, "EventType")) {
                    MailboxEvent.Type parsed = MailboxEvent.Type.fromEventType(Dom.text(type));
                    if (parsed != null) {
                        types.add(parsed);
                    }
                }
                int timeout = 30;
                if (pull != null) {
                    String timeoutText = Dom.childText(pull, EwsNamespaces.TYPES, "Timeout");
                    timeout = timeoutText == null ? 30 : Integer.parseInt(timeoutText);
                    if (timeout < 1 || timeout > 1440) {
                        throw new MessageError(ResponseCodes.INVALID_ARGUMENT,
                                "The pull subscription timeout must be between 1 and 1440 minutes.", java.util.Map.of());
                    }
                }
                String budgetKey = context.budgetKey();
                if (context.engine().subscriptions().countForBudget(budgetKey)
                        >= context.engine().settings().maxSubscriptionsPerMailbox()) {
                    throw new MessageError(ResponseCodes.EXCEEDED_SUBSCRIPTION_COUNT);
                }
                Subscription subscription = new Subscription(pull != null ? Subscription.Kind.PULL : Subscription.Kind.STREAMING,
                        mailbox.smtpAddress(), context.account().key(), budgetKey, types, calendar, timeout,
                        context.engine().clock().instant());
                context.engine().subscriptions().add(subscription);
                SoapEnvelopes.beginSuccess(w, MESSAGE);
                w.element("m:SubscriptionId", subscription.id());
                if (pull != null) {
                    w.element("m:Watermark", subscription.watermarkString(subscription.currentWatermark()));
                }
                w.end();
            } catch (MessageError error) {
                context.noteResponseCode(error.responseCode());
                SoapEnvelopes.beginError(w, MESSAGE, error);
                w.end();
            }
            return SoapEnvelopes.finish(w);
        }
    }

    /** The GetEvents operation (pull subscriptions). */
    public static final class GetEvents implements Operation {
        private static final String MESSAGE = "GetEventsResponseMessage";

        @Override
        public byte[] execute(OperationContext context) {
            Element request = context.operation();
            String id = Dom.childText(request, EwsNamespaces.MESSAGES, "SubscriptionId");
            String watermarkText = Dom.childText(request, EwsNamespaces.MESSAGES, "Watermark");
            XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "GetEventsResponse", 4096);
            try {
                Subscription subscription = context.engine().subscriptions().find(id);
                if (subscription == null || !subscription.accountKey().equals(context.account().key())) {
                    throw new MessageError(ResponseCodes.SUBSCRIPTION_NOT_FOUND);
                }
                if (subscription.kind() != Subscription.Kind.PULL) {
                    throw new MessageError(ResponseCodes.INVALID_PULL_SUBSCRIPTION_ID);
                }
                long watermark = watermarkText == null ? -1 : subscription.parseWatermark(watermarkText);
                if (watermark < 0) {
                    throw new MessageError(ResponseCodes.INVALID_WATERMARK);
                }
                subscription.touch(context.engine().clock().instant());
                List<Subscription.PendingEvent> events = subscription.eventsAfter(watermark, MAX_EVENTS_PER_GET);
                long last = events.isEmpty() ? watermark : events.get(events.size() - 1).watermark();
                SoapEnvelopes.beginSuccess(w, MESSAGE);
                w.start("m:Notification");
                w.element("t:SubscriptionId", subscription.id());
                w.element("t:PreviousWatermark", subscription.watermarkString(watermark));
                w.element("t:MoreEvents", subscription.hasMoreAfter(last));
                if (events.isEmpty()) {
                    w.start("t:StatusEvent").element("t:Watermark", subscription.watermarkString(watermark)).end();
                }
                for (Subscription.PendingEvent pending : events) {
                    writeEvent(w, pending.event(), subscription.watermarkString(pending.watermark()));
                }
                w.end().end();
            } catch (MessageError error) {
                context.noteResponseCode(error.responseCode());
                SoapEnvelopes.beginError(w, MESSAGE, error);
                w.end();
            }
            return SoapEnvelopes.finish(w);
        }
    }

    /** The Unsubscribe operation. */
    public static final class Unsubscribe implements Operation {
        private static final String MESSAGE = "UnsubscribeResponseMessage";

        @Override
        public byte[] execute(OperationContext context) {
            String id = Dom.childText(context.operation(), EwsNamespaces.MESSAGES, "SubscriptionId");
            XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "UnsubscribeResponse", 1024);
            Subscription subscription = context.engine().subscriptions().find(id);
            if (subscription == null || !subscription.accountKey().equals(context.account().key())) {
                MessageError error = new MessageError(ResponseCodes.SUBSCRIPTION_NOT_FOUND);
                context.noteResponseCode(error.responseCode());
                SoapEnvelopes.beginError(w, MESSAGE, error);
            } else {
                context.engine().subscriptions().remove(subscription.id());
                SoapEnvelopes.beginSuccess(w, MESSAGE);
            }
            w.end();
            return SoapEnvelopes.finish(w);
        }
    }

    /** Writes one event; {@code watermark} is null for streaming notifications, which carry none. */
    static void writeEvent(XmlWriter w, MailboxEvent event, String watermark) {
        w.start("t:" + event.type().elementName());
        w.element("t:Watermark", watermark);
        w.element("t:TimeStamp", event.timeStamp());
        w.start(event.folder() ? "t:FolderId" : "t:ItemId").attr("Id", event.itemId()).attr("ChangeKey", event.changeKey()).end();
        w.start("t:ParentFolderId").attr("Id", event.parentFolderId()).attr("ChangeKey", event.parentFolderChangeKey()).end();
        if (event.folder() && event.type() == MailboxEvent.Type.MODIFIED) {
            w.element("t:UnreadCount", 0);
        }
        w.end();
    }
}
