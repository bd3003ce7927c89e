package com.calroute.ewssim.operations;

import com.calroute.ewssim.mailbox.CalendarInstance;
import com.calroute.ewssim.soap.XmlWriter;

import java.util.Locale;

/**
 * The MAPI properties a simulated calendar item has, as an ExtendedFieldURI asks for them: the appointment's named
 * properties in PSETID_Appointment (by {@code DistinguishedPropertySetId="Appointment"} or the set's GUID, with a
 * decimal or hexadecimal PropertyId) and a few tagged ones ({@code PropertyTag}). Each is only found when the
 * requested PropertyType matches the property's own, as Exchange matches a property by id and type. Values are what
 * the item's other fields say, so the two views never disagree (MS-OXOCAL for the ids and types).
 */
final class StoredProperties {
    private static final String PSETID_APPOINTMENT = "00062002-0000-0000-c000-000000000046";

    private StoredProperties() {
    }

    /** The property's value in its wire form, or null when the item has no such property. */
    static String valueOf(ItemShape.ExtendedField field, CalendarInstance item) {
        String type = field.attributes().get("PropertyType");
        Integer id = number(field.attributes().get("PropertyId"));
        Integer tag = number(field.attributes().get("PropertyTag"));
        if (id != null && inAppointmentSet(field)) {
            return switch (id) {
                // PidLidBusyStatus and PidLidIntendedBusyStatus: 0 free ... 4 working elsewhere.
                case 0x8205, 0x8224 -> typed(type, "Integer", item.freeBusy().mapiValue());
                case 0x8208 -> typed(type, "String", item.location()); // PidLidLocation
                case 0x820D -> typed(type, "SystemTime", XmlWriter.dateTime(item.start())); // PidLidAppointmentStartWhole
                case 0x820E -> typed(type, "SystemTime", XmlWriter.dateTime(item.end())); // PidLidAppointmentEndWhole
                case 0x8215 -> typed(type, "Boolean", item.master().allDay()); // PidLidAppointmentSubType
                case 0x8223 -> typed(type, "Boolean", item.kind() != CalendarInstance.Kind.SINGLE); // PidLidRecurring
                default -> null;
            };
        }
        if (tag != null && field.attributes().get("PropertySetId") == null
                && field.attributes().get("DistinguishedPropertySetId") == null) {
            return switch (tag) {
                case 0x001A -> typed(type, "String", "IPM.Appointment"); // PidTagMessageClass
                case 0x0036 -> typed(type, "Integer", item.sensitivity().ordinal()); // PidTagSensitivity
                case 0x0037 -> typed(type, "String", item.subject()); // PidTagSubject
                default -> null;
            };
        }
        return null;
    }

    private static boolean inAppointmentSet(ItemShape.ExtendedField field) {
        String set = field.attributes().get("DistinguishedPropertySetId");
        String guid = field.attributes().get("PropertySetId");
        return "Appointment".equals(set) || (guid != null && PSETID_APPOINTMENT.equalsIgnoreCase(guid));
    }

    private static String typed(String asked, String own, Object value) {
        return value == null || !own.equals(asked) ? null : value.toString();
    }

    /** EWS sends PropertyId in decimal and PropertyTag usually as {@code 0x…} hex; both are accepted. */
    private static Integer number(String text) {
        if (text == null) {
            return null;
        }
        try {
            String trimmed = text.trim().toLowerCase(Locale.ROOT);
            return trimmed.startsWith("0x") ? Integer.parseInt(trimmed.substring(2), 16) : Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
