package com.calroute.sync.ews;

import com.calroute.sync.plan.CodeBook;
import com.calroute.sync.plan.RawItem;
import com.calroute.sync.plan.SyncWindow;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.DefaultExtendedPropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.MapiPropertyType;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.core.service.schema.AppointmentSchema;
import microsoft.exchange.webservices.data.core.service.schema.ItemSchema;
import microsoft.exchange.webservices.data.property.complex.ExtendedProperty;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.StringList;
import microsoft.exchange.webservices.data.property.complex.time.TimeZoneDefinition;
import microsoft.exchange.webservices.data.property.definition.ExtendedPropertyDefinition;
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
 * is truncated and says so, so we ask again from the start of the last item returned, de-duplicating by item id
 * (a page that brings nothing later is asked again with more entries).
 * Subject and location are only requested when the tenant shares subjects — what we never ask for cannot leak —
 * or, the subject alone, when the tenant defines subject codes: then it is matched against the tenant's
 * {@link CodeBook} and forgotten right here, unless shared; categories are requested only when the tenant defines some.
 * <p>
 * The free/busy status is read from the MAPI property PidLidBusyStatus as well as LegacyFreeBusyStatus: ews-java-api
 * speaks at most the Exchange2010_SP2 schema, which has no WorkingElsewhere, so Exchange shows it such items as
 * Busy (and the library could not parse the value anyway); the store's value 4 still says "working elsewhere".
 */
public final class CalendarReader {

    /** Exchange returns at most 1000 items per FindItem. */
    public static final int MAX_ENTRIES = 1000;

    /** PidLidBusyStatus: PSETID_Appointment, long id 0x8205, PT_LONG (0 free, 1 tentative, 2 busy, 3 OOF, 4 WE). */
    static final ExtendedPropertyDefinition BUSY_STATUS = new ExtendedPropertyDefinition(
            DefaultExtendedPropertySet.Appointment, 0x8205, MapiPropertyType.Integer);
    private static final List<String> BUSY_STATUS_NAMES = List.of("Free", "Tentative", "Busy", "OOF",
            "WorkingElsewhere");

    private final int pageSize;

    public CalendarReader(int pageSize) {
        this.pageSize = Math.max(1, Math.min(pageSize, MAX_ENTRIES));
    }

    /** Every item of {@code mailbox} overlapping {@code window}; {@code service} must already impersonate it. */
    public List<RawItem> read(ExchangeService service, EwsCalls calls, SyncWindow window, boolean withSubjects)
            throws Exception {
        return read(service, calls, window, withSubjects, CodeBook.NONE);
    }

    /** Every item of the mailbox overlapping {@code window}, each with what it matched of {@code codes}. */
    public List<RawItem> read(ExchangeService service, EwsCalls calls, SyncWindow window, boolean withSubjects,
                              CodeBook codes) throws Exception {
        PropertySet properties = properties(withSubjects, codes);
        Map<String, RawItem> items = new LinkedHashMap<>();
        Instant pageStart = window.start();
        int size = pageSize;
        while (true) {
            CalendarView view = new CalendarView(Date.from(pageStart), Date.from(window.end()), size);
            view.setPropertySet(properties);
            FindItemsResults<Appointment> page = calls.call("FindItem", () -> service.findAppointments(
                    new FolderId(WellKnownFolderName.Calendar), view));
            Instant lastStart = null;
            for (Appointment appointment : page.getItems()) {
                RawItem item = toRaw(appointment, withSubjects, codes);
                items.put(item.itemId(), item);
                lastStart = item.start();
            }
            if (!page.isMoreAvailable() || lastStart == null) {
                return new ArrayList<>(items.values());
            }
            if (lastStart.isAfter(pageStart)) {
                pageStart = lastStart;
                size = pageSize;
            } else if (size < MAX_ENTRIES) {
                // The page held only items touching its start: those running over it, those ending exactly at it
                // (CalendarView keeps items that end at StartDate) and those starting at it. Asking from a later
                // moment could skip some of the latter, so ask again from the same one for more at once.
                size = Math.min(MAX_ENTRIES, size * 2);
            } else {
                throw new IllegalStateException("more than " + MAX_ENTRIES + " calendar items touch " + pageStart);
            }
        }
    }

    private static PropertySet properties(boolean withSubjects, CodeBook codes) {
        List<PropertyDefinitionBase> wanted = new ArrayList<>(List.of(AppointmentSchema.Start, AppointmentSchema.End,
                AppointmentSchema.IsAllDayEvent, AppointmentSchema.LegacyFreeBusyStatus, ItemSchema.Sensitivity,
                AppointmentSchema.IsCancelled, AppointmentSchema.StartTimeZone, AppointmentSchema.MyResponseType,
                BUSY_STATUS));
        if (withSubjects || codes.needsSubjects()) {
            wanted.add(ItemSchema.Subject);
        }
        if (withSubjects) {
            wanted.add(AppointmentSchema.Location);
        }
        if (codes.needsCategories()) {
            wanted.add(ItemSchema.Categories);
        }
        return new PropertySet(BasePropertySet.IdOnly, wanted.toArray(PropertyDefinitionBase[]::new));
    }

    private static RawItem toRaw(Appointment appointment, boolean withSubjects, CodeBook codes) throws Exception {
        String subject = withSubjects || codes.needsSubjects() ? optional(appointment::getSubject) : null;
        CodeBook.Match match = codes.match(codes.needsSubjects() ? subject : null,
                codes.needsCategories() ? categories(appointment) : null);
        String timeZone = null;
        TimeZoneDefinition zone = optional(appointment::getStartTimeZone);
        if (zone != null) {
            timeZone = zone.getId();
        }
        Date start = appointment.getStart();
        Date end = appointment.getEnd();
        Boolean allDay = optional(appointment::getIsAllDayEvent);
        Boolean cancelled = optional(appointment::getIsCancelled);
        String freeBusy = freeBusy(appointment);
        Object sensitivity = optional(appointment::getSensitivity);
        Object response = optional(appointment::getMyResponseType);
        return new RawItem(
                appointment.getId().getUniqueId(),
                appointment.getId().getChangeKey(),
                start.toInstant(),
                end == null ? start.toInstant() : end.toInstant(),
                Boolean.TRUE.equals(allDay),
                timeZone,
                freeBusy,
                sensitivity == null ? null : sensitivity.toString(),
                Boolean.TRUE.equals(cancelled),
                withSubjects ? subject : null,
                withSubjects ? optional(appointment::getLocation) : null,
                response == null ? null : response.toString(), match.code(), match.mark(), match.category());
    }

    /** The item's category names, at most as many as the code book reads; null when Exchange sent none. */
    private static List<String> categories(Appointment appointment) {
        StringList categories = optional(appointment::getCategories);
        if (categories == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String name : categories) {
            if (names.size() >= CodeBook.MAX_CATEGORIES_READ) {
                break;
            }
            names.add(name);
        }
        return names;
    }

    /** Exchange's name of the status, from PidLidBusyStatus where the item has it, else LegacyFreeBusyStatus. */
    private static String freeBusy(Appointment appointment) {
        // Not tryGetProperty: ews-java-api casts extended definitions to PropertyDefinition there and fails.
        Integer stored = optional(() -> {
            for (ExtendedProperty property : appointment.getExtendedProperties()) {
                if (BUSY_STATUS.equals(property.getPropertyDefinition()) && property.getValue() instanceof Integer value) {
                    return value;
                }
            }
            return null;
        });
        if (stored != null && stored >= 0 && stored < BUSY_STATUS_NAMES.size()) {
            return BUSY_STATUS_NAMES.get(stored);
        }
        Object legacy = optional(appointment::getLegacyFreeBusyStatus);
        return legacy == null ? null : legacy.toString();
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
