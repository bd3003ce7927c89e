package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.Appointment;
import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.ItemIds;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.RecurrenceExpander;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import org.w3c.dom.Element;

import java.util.List;

/**
 * GetItem for calendar items, batched: one response message per requested id, each succeeding or failing on its
 * own. Accepts ItemId (item or occurrence ids), OccurrenceItemId and RecurringMasterItemId.
 */
public final class GetItemOperation implements Operation {
    private static final String MESSAGE = "GetItemResponseMessage";

    @Override
    public byte[] execute(OperationContext context) {
        Element request = context.operation();
        ItemShape shape = ItemShape.parse(Dom.child(request, EwsNamespaces.MESSAGES, "ItemShape"));
        List<Element> ids = Dom.childElements(Dom.child(request, EwsNamespaces.MESSAGES, "ItemIds"));
        XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "GetItemResponse", 4096 + ids.size() * 2048);
        for (Element id : ids) {
            try {
                Resolved resolved = resolve(context, id);
                SoapEnvelopes.beginSuccess(w, MESSAGE);
                w.start("m:Items");
                CalendarItemWriter.write(w, resolved.instance(), resolved.mailbox(), shape, CalendarItemWriter.Context.GET,
                        context.clientSchema());
                w.end().end();
            } catch (MessageError error) {
                context.noteResponseCode(error.responseCode());
                SoapEnvelopes.beginError(w, MESSAGE, error);
                w.start("m:Items").end();
                w.end();
            }
        }
        return SoapEnvelopes.finish(w);
    }

    private record Resolved(Mailbox mailbox, CalendarInstance instance) {
    }

    private static Resolved resolve(OperationContext context, Element id) {
        switch (id.getLocalName()) {
            case "ItemId" -> {
                ItemIds.Parsed parsed = parse(Dom.attr(id, "Id"));
                Mailbox mailbox = context.resolveItemMailbox(parsed);
                if (parsed.kind() == ItemIds.Kind.OCCURRENCE) {
                    return new Resolved(mailbox, occurrence(mailbox, ItemIds.masterIdOf(parsed), parsed.originalStart()));
                }
                if (parsed.kind() != ItemIds.Kind.ITEM) {
                    throw new MessageError(ResponseCodes.ITEM_NOT_FOUND);
                }
                return new Resolved(mailbox, Mailbox.single(existing(mailbox, Dom.attr(id, "Id"))));
            }
            case "OccurrenceItemId" -> {
                ItemIds.Parsed parsed = parse(Dom.attr(id, "RecurringMasterId"));
                Mailbox mailbox = context.resolveItemMailbox(parsed);
                Appointment master = existing(mailbox, ItemIds.masterIdOf(parsed));
                int index = Integer.parseInt(Dom.attr(id, "InstanceIndex"));
                if (!master.recurring() || index < 1) {
                    throw new MessageError(ResponseCodes.ITEM_NOT_FOUND);
                }
                List<RecurrenceExpander.Slot> slots = RecurrenceExpander.firstSlots(master, index);
                if (index > slots.size()) {
                    throw new MessageError("ErrorCalendarOccurrenceIndexIsOutOfRecurrenceRange",
                            "Occurrence index is out of recurrence range.", java.util.Map.of());
                }
                return new Resolved(mailbox, occurrence(mailbox, master.itemId(), slots.get(index - 1).originalStart()));
            }
            case "RecurringMasterItemId" -> {
                ItemIds.Parsed parsed = parse(Dom.attr(id, "OccurrenceId"));
                Mailbox mailbox = context.resolveItemMailbox(parsed);
                String masterId = parsed.kind() == ItemIds.Kind.OCCURRENCE ? ItemIds.masterIdOf(parsed) : Dom.attr(id, "OccurrenceId");
                Appointment master = existing(mailbox, masterId);
                if (!master.recurring()) {
                    throw new MessageError("ErrorItemIsNotTemplate", "The item is not a recurring master.", java.util.Map.of());
                }
                return new Resolved(mailbox, Mailbox.single(master));
            }
            default -> throw new MessageError(ResponseCodes.INVALID_REQUEST);
        }
    }

    private static ItemIds.Parsed parse(String id) {
        ItemIds.Parsed parsed = ItemIds.parse(id);
        if (parsed == null || parsed.kind() == ItemIds.Kind.FOLDER) {
            throw new MessageError(ResponseCodes.INVALID_ID_MALFORMED);
        }
        return parsed;
    }

    private static Appointment existing(Mailbox mailbox, String itemId) {
        Appointment item = mailbox.item(itemId);
        if (item == null) {
            throw new MessageError(ResponseCodes.ITEM_NOT_FOUND);
        }
        return item;
    }

    private static CalendarInstance occurrence(Mailbox mailbox, String masterId, java.time.Instant originalStart) {
        Appointment master = existing(mailbox, masterId);
        if (!master.recurring() || master.deletedOccurrences().contains(originalStart)
                || !RecurrenceExpander.isOccurrence(master, originalStart)) {
            throw new MessageError(ResponseCodes.ITEM_NOT_FOUND);
        }
        return RecurrenceExpander.instanceAt(master, originalStart);
    }
}
