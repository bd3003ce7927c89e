package com.calroute.sync.ews;

import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.core.service.schema.AppointmentSchema;
import microsoft.exchange.webservices.data.core.service.schema.ItemSchema;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.time.TimeZoneDefinition;
import microsoft.exchange.webservices.data.property.definition.PropertyDefinitionBase;
import microsoft.exchange.webservices.data.search.CalendarView;
import microsoft.exchange.webservices.data.search.FindItemsResults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one mailbox's calendar window with CalendarView (which expands recurring series into occurrences with
 * their exceptions). CalendarView does not page: when more items exist than {@code MaxEntriesReturned} the answer
 * is truncated and says so, so we ask again from the start of the last item returned, de-duplicating by item id.
 * Subject and location are only requested when the tenant shares subjects — what we never ask for cannot leak.
 */
public final class CalendarReader {

    /** Exchange returns at most 1000 items per FindItem. */
    public static final int MAX_ENTRIES = 1000;

    private final int pageSize;

    public CalendarReader(int pageSize) {
        this.pageSize = Math.max(1, Math.min(pageSize, MAX_ENTRIES));
    }

    /** Every item of {@code mailbox} overlapping {@code window}; {@code service} must already impersonate it. */
    public List<RawItem> read(ExchangeService service, EwsCalls calls, SyncWindow window, boolean withSubjects)
            throws Exception {
        PropertySet properties = properties(withSubjects);
        Map<String, RawItem> items = new LinkedHashMap<>();
        Instant pageStart = window.start();
        while (true) {
            CalendarView view = new CalendarView(Date.from(pageStart), Date.from(window.end()), pageSize);
            view.setPropertySet(properties);
            FindItemsResults<Appointment> page = calls.call("FindItem", () -> service.findAppointments(
                    new FolderId(WellKnownFolderName.Calendar), view));
            Instant lastStart = null;
            for (Appointment appointment : page.getItems()) {
                RawItem item = toRaw(appointment, withSubjects);
                items.put(item.itemId(), item);
                lastStart = item.start();
            }
            if (!page.isMoreAvailable() || lastStart == null) {
                return new ArrayList<>(items.values());
            }
            if (!lastStart.isAfter(pageStart)) {
                // A full page of items all starting at the same moment: asking again would loop forever.
                throw new IllegalStateException("more than " + pageSize + " calendar items start at " + pageStart);
            }
            pageStart = lastStart;
        }
    }

    private static PropertySet properties(boolean withSubjects) {
        List<PropertyDefinitionBase> wanted = new ArrayList<>(List.of(AppointmentSchema.Start, AppointmentSchema.End,
                AppointmentSchema.IsAllDayEvent, AppointmentSchema.LegacyFreeBusyStatus, ItemSchema.Sensitivity,
                AppointmentSchema.IsCancelled, AppointmentSchema.StartTimeZone));
        if (withSubjects) {
            wanted.add(ItemSchema.Subject);
            wanted.add(AppointmentSchema.Location);
        }
        return new PropertySet(BasePropertySet.IdOnly, wanted.toArray(PropertyDefinitionBase[]::new));
    }

    private static RawItem toRaw(Appointment appointment, boolean withSubjects) throws Exception {
        String timeZone = null;
        TimeZoneDefinition zone = optional(appointment::getStartTimeZone);
        if (zone != null) {
            timeZone = zone.getId();
        }
        Date start = appointment.getStart();
        Date end = appointment.getEnd();
        Boolean allDay = optional(appointment::getIsAllDayEvent);
        Boolean cancelled = optional(appointment::getIsCancelled);
        Object freeBusy = optional(appointment::getLegacyFreeBusyStatus);
        Object sensitivity = optional(appointment::getSensitivity);
        return new RawItem(
                appointment.getId().getUniqueId(),
                appointment.getId().getChangeKey(),
                start.toInstant(),
                end == null ? start.toInstant() : end.toInstant(),
                Boolean.TRUE.equals(allDay),
                timeZone,
                freeBusy == null ? null : freeBusy.toString(),
                sensitivity == null ? null : sensitivity.toString(),
                Boolean.TRUE.equals(cancelled),
                withSubjects ? optional(appointment::getSubject) : null,
                withSubjects ? optional(appointment::getLocation) : null);
    }

    /** A property Exchange may leave out of the answer; ews-java-api throws instead of returning null then. */
    private static <T> T optional(EwsCalls.EwsCall<T> getter) {
        try {
            return getter.run();
        } catch (Exception e) {
            return null;
        }
    }
}
