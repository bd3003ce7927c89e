package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.Appointment;
import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.mailbox.OccurrenceChange;
import com.calroute.ewssim.mailbox.Recurrence;
import com.calroute.ewssim.mailbox.RecurrenceExpander;
import com.calroute.ewssim.mailbox.WindowsTimeZones;
import com.calroute.ewssim.soap.XmlWriter;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@code t:CalendarItem} with its elements in the schema's sequence order (ItemType's, then
 * CalendarItemType's). Items found with FindItem never carry body or recurrence details, as in Exchange.
 */
public final class CalendarItemWriter {
    private CalendarItemWriter() {
    }

    /** Where the item is written: FindItem leaves out what only GetItem/SyncFolderItems may return. */
    public enum Context { FIND, GET }

    public static void write(XmlWriter w, CalendarInstance item, Mailbox mailbox, ItemShape shape, Context context,
            ClientSchema schema) {
        Appointment master = item.master();
        boolean find = context == Context.FIND;
        w.start("t:CalendarItem");
        w.start("t:ItemId").attr("Id", item.itemId()).attr("ChangeKey", item.changeKey()).end();
        if (shape.includes("ParentFolderId")) {
            w.start("t:ParentFolderId").attr("Id", mailbox.calendarFolderId())
                    .attr("ChangeKey", mailbox.calendarFolderChangeKey()).end();
        }
        if (shape.includes("ItemClass")) {
            w.element("t:ItemClass", "IPM.Appointment");
        }
        if (shape.includes("Subject")) {
            w.element("t:Subject", item.subject());
        }
        if (shape.includes("Sensitivity")) {
            w.element("t:Sensitivity", item.sensitivity().wireName());
        }
        if (!find && shape.includes("Body")) {
            w.start("t:Body").attr("BodyType", "Text").text(master.body() == null ? "" : master.body()).end();
        }
        if (shape.includes("DateTimeReceived")) {
            w.element("t:DateTimeReceived", master.created());
        }
        if (shape.includes("Size")) {
            w.element("t:Size", 1024L + item.subject().length() * 2L + (master.body() == null ? 0 : master.body().length() * 2L));
        }
        if (shape.includes("Categories") && !master.categories().isEmpty()) {
            // ItemType's sequence: Categories after Size, before Importance; Exchange leaves the element out when empty.
            w.start("t:Categories");
            for (String category : master.categories()) {
                w.element("t:String", category);
            }
            w.end();
        }
        if (shape.includes("Importance")) {
            w.element("t:Importance", "Normal");
        }
        if (shape.includes("IsSubmitted")) {
            w.element("t:IsSubmitted", false);
        }
        if (shape.includes("IsDraft")) {
            w.element("t:IsDraft", false);
        }
        if (shape.includes("IsFromMe")) {
            w.element("t:IsFromMe", false);
        }
        if (shape.includes("IsResend")) {
            w.element("t:IsResend", false);
        }
        if (shape.includes("IsUnmodified")) {
            w.element("t:IsUnmodified", master.revision() == 1 && item.kind() != CalendarInstance.Kind.EXCEPTION);
        }
        if (shape.includes("DateTimeSent")) {
            w.element("t:DateTimeSent", master.created());
        }
        if (shape.includes("DateTimeCreated")) {
            w.element("t:DateTimeCreated", master.created());
        }
        if (shape.includes("ReminderDueBy")) {
            w.element("t:ReminderDueBy", item.start());
        }
        if (shape.includes("ReminderIsSet")) {
            w.element("t:ReminderIsSet", !master.allDay());
        }
        if (shape.includes("ReminderMinutesBeforeStart")) {
            w.element("t:ReminderMinutesBeforeStart", master.allDay() ? "1080" : "15");
        }
        if (shape.includes("DisplayCc")) {
            w.element("t:DisplayCc", "");
        }
        if (shape.includes("DisplayTo")) {
            w.element("t:DisplayTo", "");
        }
        if (shape.includes("HasAttachments")) {
            w.element("t:HasAttachments", false);
        }
        for (ItemShape.ExtendedField field : shape.extendedFields()) {
            // Every asked property the item has, each echoing its request; Exchange leaves out those it lacks.
            String value = StoredProperties.valueOf(field, item);
            if (value != null) {
                w.start("t:ExtendedProperty");
                field.write(w);
                w.element("t:Value", value);
                w.end();
            }
        }
        if (shape.includes("Culture")) {
            w.element("t:Culture", "en-US");
        }
        if (shape.includes("LastModifiedName")) {
            w.element("t:LastModifiedName", mailbox.displayName());
        }
        if (shape.includes("LastModifiedTime")) {
            w.element("t:LastModifiedTime", item.lastModified());
        }
        if (shape.includes("IsAssociated")) {
            w.element("t:IsAssociated", false);
        }
        if (shape.includes("UID")) {
            w.element("t:UID", master.uid());
        }
        boolean instanceOfSeries = item.kind() == CalendarInstance.Kind.OCCURRENCE
                || item.kind() == CalendarInstance.Kind.EXCEPTION;
        if (instanceOfSeries && shape.includes("RecurrenceId")) {
            w.element("t:RecurrenceId", item.originalStart());
        }
        if (shape.includes("DateTimeStamp")) {
            w.element("t:DateTimeStamp", item.lastModified());
        }
        if (shape.includes("Start")) {
            w.element("t:Start", item.start());
        }
        if (shape.includes("End")) {
            w.element("t:End", item.end());
        }
        if (instanceOfSeries && shape.includes("OriginalStart")) {
            w.element("t:OriginalStart", item.originalStart());
        }
        if (shape.includes("IsAllDayEvent")) {
            w.element("t:IsAllDayEvent", master.allDay());
        }
        if (shape.includes("LegacyFreeBusyStatus")) {
            w.element("t:LegacyFreeBusyStatus", item.freeBusy().wireName(schema.workingElsewhere()));
        }
        if (shape.includes("Location") && item.location() != null) {
            w.element("t:Location", item.location());
        }
        if (shape.includes("IsMeeting")) {
            w.element("t:IsMeeting", master.meeting());
        }
        if (shape.includes("IsCancelled")) {
            w.element("t:IsCancelled", item.cancelled());
        }
        if (shape.includes("IsRecurring")) {
            w.element("t:IsRecurring", instanceOfSeries);
        }
        if (shape.includes("MeetingRequestWasSent")) {
            w.element("t:MeetingRequestWasSent", false);
        }
        if (shape.includes("IsResponseRequested")) {
            w.element("t:IsResponseRequested", master.meeting());
        }
        if (shape.includes("CalendarItemType")) {
            w.element("t:CalendarItemType", item.kind().wireName());
        }
        if (shape.includes("MyResponseType")) {
            w.element("t:MyResponseType", master.myResponse().wireName());
        }
        if (shape.includes("Organizer")) {
            w.start("t:Organizer").start("t:Mailbox");
            w.element("t:Name", mailbox.displayName());
            w.element("t:EmailAddress", mailbox.smtpAddress());
            w.element("t:RoutingType", "SMTP");
            w.end().end();
        }
        if (shape.includes("Duration")) {
            w.element("t:Duration", Duration.between(item.start(), item.end()).toString());
        }
        if (shape.includes("TimeZone")) {
            w.element("t:TimeZone", WindowsTimeZones.of(master.timeZone()).displayName());
        }
        if (shape.includes("AppointmentSequenceNumber")) {
            w.element("t:AppointmentSequenceNumber", 0);
        }
        if (shape.includes("AppointmentState")) {
            w.element("t:AppointmentState", (master.meeting() ? 1 : 0) | (item.cancelled() ? 4 : 0));
        }
        if (!find && item.kind() == CalendarInstance.Kind.RECURRING_MASTER) {
            writeSeriesDetails(w, master, shape);
        }
        if (schema.timeZoneDefinitions()) {
            // Exchange 2010 SP1 and later carry the whole definition, not just Id and Name: clients that build the
            // zone from it (instead of looking the id up) need the periods and transitions.
            if (shape.includes("StartTimeZone")) {
                TimeZoneDefinitionWriter.write(w, "t:StartTimeZone", master.timeZone(), true);
            }
            if (shape.includes("EndTimeZone")) {
                TimeZoneDefinitionWriter.write(w, "t:EndTimeZone", master.timeZone(), true);
            }
        }
        w.end();
    }

    private static void writeSeriesDetails(XmlWriter w, Appointment master, ItemShape shape) {
        Recurrence rule = master.recurrence();
        if (shape.includes("Recurrence")) {
            writeRecurrence(w, master, rule);
        }
        List<RecurrenceExpander.Slot> first = RecurrenceExpander.firstSlots(master, 1);
        if (shape.includes("FirstOccurrence") && !first.isEmpty()) {
            occurrenceInfo(w, "t:FirstOccurrence", RecurrenceExpander.instanceAt(master, first.get(0).originalStart()));
        }
        RecurrenceExpander.Slot last = RecurrenceExpander.lastSlot(master);
        if (shape.includes("LastOccurrence") && last != null) {
            occurrenceInfo(w, "t:LastOccurrence", RecurrenceExpander.instanceAt(master, last.originalStart()));
        }
        if (shape.includes("ModifiedOccurrences") && !master.modifiedOccurrences().isEmpty()) {
            w.start("t:ModifiedOccurrences");
            for (Map.Entry<java.time.Instant, OccurrenceChange> entry : master.modifiedOccurrences().entrySet()) {
                occurrenceInfo(w, "t:Occurrence", RecurrenceExpander.instanceAt(master, entry.getKey()));
            }
            w.end();
        }
        if (shape.includes("DeletedOccurrences") && !master.deletedOccurrences().isEmpty()) {
            w.start("t:DeletedOccurrences");
            for (java.time.Instant deleted : master.deletedOccurrences()) {
                w.start("t:DeletedOccurrence").element("t:Start", deleted).end();
            }
            w.end();
        }
    }

    private static void occurrenceInfo(XmlWriter w, String element, CalendarInstance instance) {
        w.start(element);
        w.start("t:ItemId").attr("Id", instance.itemId()).attr("ChangeKey", instance.changeKey()).end();
        w.element("t:Start", instance.start());
        w.element("t:End", instance.end());
        w.element("t:OriginalStart", instance.originalStart());
        w.end();
    }

    private static void writeRecurrence(XmlWriter w, Appointment master, Recurrence rule) {
        ZoneId zone = master.timeZone();
        LocalDate startDate = master.start().atZone(zone).toLocalDate();
        w.start("t:Recurrence");
        switch (rule.pattern()) {
            case DAILY -> w.start("t:DailyRecurrence").element("t:Interval", rule.interval()).end();
            case WEEKLY -> {
                List<DayOfWeek> days = rule.daysOfWeek().isEmpty() ? List.of(startDate.getDayOfWeek()) : rule.daysOfWeek();
                w.start("t:WeeklyRecurrence").element("t:Interval", rule.interval())
                        .element("t:DaysOfWeek", days.stream().map(CalendarItemWriter::dayName).collect(Collectors.joining(" ")))
                        .element("t:FirstDayOfWeek", dayName(rule.firstDayOfWeek()))
                        .end();
            }
            case MONTHLY -> w.start("t:AbsoluteMonthlyRecurrence").element("t:Interval", rule.interval())
                    .element("t:DayOfMonth", rule.dayOfMonth() == 0 ? startDate.getDayOfMonth() : rule.dayOfMonth())
                    .end();
            case RELATIVE_MONTHLY -> w.start("t:RelativeMonthlyRecurrence").element("t:Interval", rule.interval())
                    .element("t:DaysOfWeek", dayName(rule.daysOfWeek().isEmpty() ? startDate.getDayOfWeek() : rule.daysOfWeek().get(0)))
                    .element("t:DayOfWeekIndex", rule.weekIndex().wireName())
                    .end();
            default -> throw new IllegalStateException("unknown pattern " + rule.pattern());
        }
        if (rule.until() != null) {
            w.start("t:EndDateRecurrence").element("t:StartDate", startDate.toString())
                    .element("t:EndDate", rule.until().toString()).end();
        } else if (rule.count() != null) {
            w.start("t:NumberedRecurrence").element("t:StartDate", startDate.toString())
                    .element("t:NumberOfOccurrences", rule.count()).end();
        } else {
            w.start("t:NoEndRecurrence").element("t:StartDate", startDate.toString()).end();
        }
        w.end();
    }

    private static String dayName(DayOfWeek day) {
        String name = day.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
