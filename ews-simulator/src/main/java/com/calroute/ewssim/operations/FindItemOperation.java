package com.calroute.ewssim.operations;

import com.calroute.ewssim.ServerVersion;
import com.calroute.ewssim.mailbox.Appointment;
import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsFault;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapEnvelopes;
import com.calroute.ewssim.soap.XmlWriter;
import com.calroute.ewssim.soap.XsDateTime;
import org.w3c.dom.Element;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * FindItem on the calendar folder. With a CalendarView it expands recurring series into Occurrence and Exception
 * items (never the RecurringMaster), truncates at MaxEntriesReturned with IncludesLastItemInRange="false", refuses
 * ranges over two years, and applies the find-count limit (Exchange 2010 RTM refuses a bigger view with
 * ErrorExceededFindCountLimit; later versions truncate to the limit). Without a view it lists the folder's items
 * (singles and masters) with IndexedPageItemView paging.
 */
public final class FindItemOperation implements Operation {
    private static final String MESSAGE = "FindItemResponseMessage";

    @Override
    public byte[] execute(OperationContext context) {
        Element request = context.operation();
        ItemShape shape = ItemShape.parse(Dom.child(request, EwsNamespaces.MESSAGES, "ItemShape"));
        Element calendarView = Dom.child(request, EwsNamespaces.MESSAGES, "CalendarView");
        Element pageView = Dom.child(request, EwsNamespaces.MESSAGES, "IndexedPageItemView");
        Element parents = Dom.child(request, EwsNamespaces.MESSAGES, "ParentFolderIds");
        List<Element> folders = Dom.childElements(parents);
        if (folders.isEmpty()) {
            throw new EwsFault(ResponseCodes.SCHEMA_VALIDATION,
                    "The request failed schema validation: ParentFolderIds is missing or empty.", Map.of(), true, 0, 0);
        }
        XmlWriter w = SoapEnvelopes.beginResponse(context.version(), "FindItemResponse", 16_384);
        for (Element folder : folders) {
            try {
                Mailbox mailbox = context.resolveFolder(folder);
                if (calendarView != null) {
                    writeCalendarView(w, context, mailbox, calendarView, shape);
                } else {
                    writePagedItems(w, context, mailbox, pageView, shape);
                }
            } catch (MessageError error) {
                context.noteResponseCode(error.responseCode());
                SoapEnvelopes.beginError(w, MESSAGE, error);
                w.end();
            }
        }
        return SoapEnvelopes.finish(w);
    }

    private static void writeCalendarView(XmlWriter w, OperationContext context, Mailbox mailbox, Element view,
            ItemShape shape) {
        Instant start = dateTime(Dom.attr(view, "StartDate"));
        Instant end = dateTime(Dom.attr(view, "EndDate"));
        if (end.isBefore(start)) {
            throw new MessageError(ResponseCodes.CALENDAR_END_BEFORE_START);
        }
        if (end.isAfter(start.atOffset(ZoneOffset.UTC).plusYears(2).toInstant())) {
            throw new MessageError(ResponseCodes.CALENDAR_VIEW_RANGE_TOO_BIG);
        }
        String maxText = Dom.attr(view, "MaxEntriesReturned");
        Integer maxEntries = maxText == null ? null : Integer.valueOf(maxText);
        if (maxEntries != null && maxEntries < 1) {
            throw new MessageError(ResponseCodes.INVALID_ARGUMENT);
        }
        List<CalendarInstance> items = mailbox.calendarView(CalendarInstance.Range.EWS_CALENDAR_VIEW, start, end);
        int limit = context.engine().settings().findCountLimit();
        int allowed = Math.min(maxEntries == null ? Integer.MAX_VALUE : maxEntries, limit);
        if (items.size() > limit && (maxEntries == null || maxEntries > limit)
                && context.version() == ServerVersion.EXCHANGE2010) {
            throw new MessageError(ResponseCodes.EXCEEDED_FIND_COUNT_LIMIT);
        }
        boolean truncated = items.size() > allowed;
        List<CalendarInstance> returned = truncated ? items.subList(0, allowed) : items;
        SoapEnvelopes.beginSuccess(w, MESSAGE);
        // TotalItemsInView counts the whole range, also when MaxEntriesReturned or the find-count limit cut it.
        w.start("m:RootFolder").attr("TotalItemsInView", Integer.toString(items.size()))
                .attr("IncludesLastItemInRange", Boolean.toString(!truncated));
        w.start("t:Items");
        for (CalendarInstance item : returned) {
            CalendarItemWriter.write(w, item, mailbox, shape, CalendarItemWriter.Context.FIND, context.clientSchema());
        }
        w.end().end().end();
    }

    private static void writePagedItems(XmlWriter w, OperationContext context, Mailbox mailbox, Element view,
            ItemShape shape) {
        List<Appointment> items = mailbox.items();
        int offset = view == null || Dom.attr(view, "Offset") == null ? 0 : Integer.parseInt(Dom.attr(view, "Offset"));
        int max = view == null || Dom.attr(view, "MaxEntriesReturned") == null ? Integer.MAX_VALUE
                : Integer.parseInt(Dom.attr(view, "MaxEntriesReturned"));
        boolean fromEnd = view != null && "End".equals(Dom.attr(view, "BasePoint"));
        int limit = context.engine().settings().findCountLimit();
        int count = Math.max(0, Math.min(Math.min(max, limit), items.size() - offset));
        int from = fromEnd ? Math.max(0, items.size() - offset - count) : Math.min(offset, items.size());
        List<Appointment> page = items.subList(from, from + count);
        boolean last = fromEnd ? from == 0 : from + count >= items.size();
        SoapEnvelopes.beginSuccess(w, MESSAGE);
        w.start("m:RootFolder")
                .attr("IndexedPagingOffset", Integer.toString(fromEnd ? offset + count : from + count))
                .attr("TotalItemsInView", Integer.toString(items.size()))
                .attr("IncludesLastItemInRange", Boolean.toString(last));
        w.start("t:Items");
        for (Appointment item : page) {
            CalendarItemWriter.write(w, Mailbox.single(item), mailbox, shape, CalendarItemWriter.Context.FIND,
                    context.clientSchema());
        }
        w.end().end().end();
    }

    static Instant dateTime(String text) {
        if (text == null) {
            throw new MessageError(ResponseCodes.INVALID_REQUEST);
        }
        try {
            return XsDateTime.parse(text, local -> local.toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new EwsFault(ResponseCodes.SCHEMA_VALIDATION,
                    "The request failed schema validation: '" + text + "' is not a valid xs:dateTime.", Map.of(),
                    true, 0, 0);
        }
    }
}
