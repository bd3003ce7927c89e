package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.ItemIds;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import org.w3c.dom.Element;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * ConvertId between the id formats of the EWS schema's IdFormatType, one response message per source id, each
 * succeeding or failing on its own ({@code ErrorInvalidIdMalformed}), the AlternateId echoing the mailbox and
 * carrying no change key (Microsoft's "ConvertId operation" page). The simulator has one id per item, so the
 * formats are encodings of the same bytes: EwsId, EwsLegacyId, EntryId and StoreId base64, HexEntryId upper-case
 * hex, OwaId URL-safe base64; converting there and back gives the id again. An id of another mailbox than the
 * AlternateId names → {@code ErrorItemNotFound}.
 */
public final class ConvertIdOperation implements Operation {
    private static final String MESSAGE = "ConvertIdResponseMessage";

    @Override
    public byte[] execute(OperationContext context) {
        Element request = context.operation();
        String destination = Dom.attr(request, "DestinationFormat");
        XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "ConvertIdResponse", 2048);
        for (Element source : Dom.childElements(Dom.child(request, EwsNamespaces.MESSAGES, "SourceIds"))) {
            try {
                String mailbox = Dom.attr(source, "Mailbox");
                byte[] raw = decode(Dom.attr(source, "Format"), Dom.attr(source, "Id"));
                ItemIds.Parsed parsed = raw == null ? null : ItemIds.parse(Base64.getEncoder().encodeToString(raw));
                if (!"AlternateId".equals(source.getLocalName()) || parsed == null) {
                    throw new MessageError(ResponseCodes.INVALID_ID_MALFORMED);
                }
                Mailbox owner = context.engine().directory().findByKey(parsed.mailboxKey());
                if (owner == null || mailbox == null || !owner.smtpAddress().equalsIgnoreCase(mailbox)) {
                    throw new MessageError(ResponseCodes.ITEM_NOT_FOUND);
                }
                SoapEnvelopes.beginSuccess(w, MESSAGE);
                w.start("m:AlternateId").attr("xsi:type", "t:AlternateIdType")
                        .attr("Format", destination).attr("Id", encode(destination, raw)).attr("Mailbox", mailbox).end();
                w.end();
            } catch (MessageError error) {
                context.noteResponseCode(error.responseCode());
                SoapEnvelopes.beginError(w, MESSAGE, error);
                w.end();
            }
        }
        return SoapEnvelopes.finish(w);
    }

    private static byte[] decode(String format, String id) {
        if (format == null || id == null) {
            return null;
        }
        try {
            return switch (format) {
                case "HexEntryId" -> HexFormat.of().parseHex(id.toLowerCase(Locale.ROOT));
                case "OwaId" -> Base64.getUrlDecoder().decode(id);
                default -> Base64.getDecoder().decode(id);
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(String format, byte[] raw) {
        return switch (format) {
            case "HexEntryId" -> HexFormat.of().withUpperCase().formatHex(raw);
            case "OwaId" -> Base64.getUrlEncoder().encodeToString(raw);
            default -> Base64.getEncoder().encodeToString(raw);
        };
    }
}
