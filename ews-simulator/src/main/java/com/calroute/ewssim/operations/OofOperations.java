package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.AutomaticReplies;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsFault;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import com.calroute.ewssim.soap.XsDateTime;
import org.w3c.dom.Element;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * GetUserOofSettings and SetUserOofSettings (MS-OXWOOF 3.1.4.1 and 3.1.4.2): a mailbox's automatic replies. The
 * request names the mailbox in {@code t:Mailbox/t:Address}; a mailbox that is not the caller's own (the impersonated
 * one, else the account's) is refused with a SOAP fault, as the protocol requires. Unlike most operations the answer
 * has a single {@code ResponseMessage}, then {@code OofSettings} and {@code AllowExternalOof}.
 */
public final class OofOperations {

    private OofOperations() {
    }

    /** {@code GetUserOofSettingsRequest}. */
    public static final class Get implements Operation {
        @Override
        public byte[] execute(OperationContext context) {
            Mailbox mailbox = ownMailbox(context);
            AutomaticReplies replies = mailbox.automaticReplies();
            XmlWriter w = SoapEnvelopes.beginBody(context.version(), 2048);
            w.start("GetUserOofSettingsResponse").attr("xmlns", EwsNamespaces.MESSAGES);
            w.start("ResponseMessage").attr("ResponseClass", "Success");
            w.element("ResponseCode", ResponseCodes.NO_ERROR);
            w.end();
            w.start("OofSettings").attr("xmlns", EwsNamespaces.TYPES);
            w.element("OofState", replies.state().wireName());
            w.element("ExternalAudience", "All");
            if (replies.start() != null && replies.end() != null) {
                w.start("Duration");
                w.element("StartTime", replies.start());
                w.element("EndTime", replies.end());
                w.end();
            }
            w.start("InternalReply").start("Message").text(replies.internalReply()).end().end();
            w.start("ExternalReply").start("Message").text(replies.externalReply()).end().end();
            w.end();
            w.element("AllowExternalOof", "All");
            return SoapEnvelopes.finish(w);
        }
    }

    /** {@code SetUserOofSettingsRequest}. */
    public static final class Set implements Operation {
        @Override
        public byte[] execute(OperationContext context) {
            Mailbox mailbox = ownMailbox(context);
            Element settings = Dom.child(context.operation(), EwsNamespaces.TYPES, "UserOofSettings");
            if (settings == null) {
                throw invalid("UserOofSettings is required");
            }
            Element duration = Dom.child(settings, EwsNamespaces.TYPES, "Duration");
            try {
                AutomaticReplies.State state = AutomaticReplies.State.parse(
                        Dom.childText(settings, EwsNamespaces.TYPES, "OofState"));
                AutomaticReplies current = mailbox.automaticReplies();
                Instant start = duration == null ? current.start()
                        : instant(Dom.childText(duration, EwsNamespaces.TYPES, "StartTime"));
                Instant end = duration == null ? current.end()
                        : instant(Dom.childText(duration, EwsNamespaces.TYPES, "EndTime"));
                mailbox.automaticReplies(new AutomaticReplies(state, start, end,
                        reply(settings, "InternalReply", current.internalReply()),
                        reply(settings, "ExternalReply", current.externalReply())));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw invalid(e.getMessage());
            }
            XmlWriter w = SoapEnvelopes.beginBody(context.version(), 1024);
            w.start("SetUserOofSettingsResponse").attr("xmlns", EwsNamespaces.MESSAGES);
            w.start("ResponseMessage").attr("ResponseClass", "Success");
            w.element("ResponseCode", ResponseCodes.NO_ERROR);
            return SoapEnvelopes.finish(w);
        }

        private static String reply(Element settings, String name, String current) {
            Element reply = Dom.child(settings, EwsNamespaces.TYPES, name);
            return reply == null ? current : Dom.childText(reply, EwsNamespaces.TYPES, "Message");
        }

        private static Instant instant(String text) {
            if (text == null) {
                throw new IllegalArgumentException("Duration needs StartTime and EndTime");
            }
            // xs:dateTime: with an offset or Z, or without one (then UTC, as Exchange reads it for this operation).
            return XsDateTime.parse(text, local -> local.toInstant(ZoneOffset.UTC));
        }
    }

    /** The mailbox the request names, which must be the caller's own; else the SOAP fault MS-OXWOOF prescribes. */
    private static Mailbox ownMailbox(OperationContext context) {
        Element mailboxElement = Dom.child(context.operation(), EwsNamespaces.TYPES, "Mailbox");
        String address = Dom.childText(mailboxElement, EwsNamespaces.TYPES, "Address");
        if (address == null || address.isBlank()) {
            throw invalid("Mailbox/Address is required");
        }
        Mailbox acting = context.actingMailbox();
        if (acting == null || !acting.smtpAddress().equals(Mailbox.canonical(address))) {
            throw new EwsFault(ResponseCodes.ACCESS_DENIED, ResponseCodes.messageFor(ResponseCodes.ACCESS_DENIED),
                    Map.of(), true, 0, 0);
        }
        return acting;
    }

    private static EwsFault invalid(String why) {
        return new EwsFault(ResponseCodes.INVALID_REQUEST, why, Map.of(), true, 0, 0);
    }
}
