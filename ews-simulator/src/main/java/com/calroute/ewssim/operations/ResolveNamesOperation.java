package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * ResolveNames against the directory of simulated mailboxes (the Active Directory part; there are no contact
 * folders). As Microsoft's "ResolveNames operation" page describes: an entry with a routing-type prefix
 * ({@code smtp:}) matches addresses starting with the rest; without one it matches the primary SMTP address and,
 * like ambiguous name resolution, display names and words of them starting with the entry. One candidate → Success;
 * several (at most 100) → Warning {@code ErrorNameResolutionMultipleResults}; none → Error
 * {@code ErrorNameResolutionNoResults}. {@code ReturnFullContactData} adds a Contact with the display name and
 * address.
 */
public final class ResolveNamesOperation implements Operation {
    private static final String MESSAGE = "ResolveNamesResponseMessage";
    private static final int MAX_CANDIDATES = 100;
    static final String MULTIPLE_RESULTS = "ErrorNameResolutionMultipleResults";

    @Override
    public byte[] execute(OperationContext context) {
        String entry = Dom.childText(context.operation(), EwsNamespaces.MESSAGES, "UnresolvedEntry");
        boolean fullContact = "true".equalsIgnoreCase(Dom.attr(context.operation(), "ReturnFullContactData"));
        List<Mailbox> candidates = candidates(context, entry == null ? "" : entry.trim());
        XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "ResolveNamesResponse", 2048);
        if (candidates.isEmpty()) {
            context.noteResponseCode(ResponseCodes.NAME_RESOLUTION_NO_RESULTS);
            SoapEnvelopes.beginError(w, MESSAGE, new MessageError(ResponseCodes.NAME_RESOLUTION_NO_RESULTS));
            w.end();
            return SoapEnvelopes.finish(w);
        }
        if (candidates.size() == 1) {
            SoapEnvelopes.beginSuccess(w, MESSAGE);
        } else {
            context.noteResponseCode(MULTIPLE_RESULTS);
            w.start("m:" + MESSAGE).attr("ResponseClass", "Warning");
            w.element("m:MessageText", "Multiple results were found.");
            w.element("m:ResponseCode", MULTIPLE_RESULTS);
            w.element("m:DescriptiveLinkKey", "0");
        }
        w.start("m:ResolutionSet").attr("TotalItemsInView", Integer.toString(candidates.size()))
                .attr("IncludesLastItemInRange", "true");
        for (Mailbox mailbox : candidates) {
            w.start("t:Resolution");
            w.start("t:Mailbox");
            w.element("t:Name", mailbox.displayName());
            w.element("t:EmailAddress", mailbox.smtpAddress());
            w.element("t:RoutingType", "SMTP");
            w.element("t:MailboxType", "Mailbox");
            w.end();
            if (fullContact) {
                w.start("t:Contact");
                w.element("t:DisplayName", mailbox.displayName());
                w.start("t:EmailAddresses").start("t:Entry").attr("Key", "EmailAddress1")
                        .text("SMTP:" + mailbox.smtpAddress()).end().end();
                w.element("t:ContactSource", "ActiveDirectory");
                w.end();
            }
            w.end();
        }
        w.end().end();
        return SoapEnvelopes.finish(w);
    }

    private static List<Mailbox> candidates(OperationContext context, String entry) {
        String wanted = entry.toLowerCase(Locale.ROOT);
        boolean routed = wanted.startsWith("smtp:");
        String address = routed ? wanted.substring("smtp:".length()) : wanted;
        return context.engine().directory().all().stream()
                .filter(mailbox -> !address.isEmpty() && matches(mailbox, address, routed))
                .sorted(Comparator.comparing(Mailbox::smtpAddress))
                .limit(MAX_CANDIDATES)
                .toList();
    }

    private static boolean matches(Mailbox mailbox, String wanted, boolean routed) {
        String smtp = mailbox.smtpAddress().toLowerCase(Locale.ROOT);
        if (routed) {
            return smtp.startsWith(wanted);
        }
        if (smtp.equals(wanted)) {
            return true;
        }
        String name = mailbox.displayName() == null ? "" : mailbox.displayName().toLowerCase(Locale.ROOT);
        if (name.startsWith(wanted) || smtp.substring(0, smtp.indexOf('@') < 0 ? smtp.length() : smtp.indexOf('@')).startsWith(wanted)) {
            return true;
        }
        for (String word : name.split("\\s+")) {
            if (word.startsWith(wanted)) {
                return true;
            }
        }
        return false;
    }
}
