package com.calroute.ewssim.operations;

import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import org.w3c.dom.Element;

import java.util.HashSet;
import java.util.Set;

/**
 * Which calendar-item properties a response carries: the BaseShape (IdOnly, Default, AllProperties) plus
 * AdditionalProperties, resolved to element names.
 */
public final class ItemShape {
    private static final Set<String> DEFAULT = Set.of("ItemId", "Subject", "HasAttachments", "IsAssociated", "Start",
            "End", "LegacyFreeBusyStatus", "Location", "CalendarItemType", "Organizer");

    private final String baseShape;
    private final Set<String> additional;

    private ItemShape(String baseShape, Set<String> additional) {
        this.baseShape = baseShape;
        this.additional = additional;
    }

    public static ItemShape parse(Element shapeElement) {
        String base = Dom.childText(shapeElement, EwsNamespaces.TYPES, "BaseShape");
        Set<String> additional = new HashSet<>();
        Element extra = Dom.child(shapeElement, EwsNamespaces.TYPES, "AdditionalProperties");
        for (Element field : Dom.children(extra, EwsNamespaces.TYPES, "FieldURI")) {
            String uri = Dom.attr(field, "FieldURI");
            if (uri != null) {
                additional.add(uri.substring(uri.indexOf(':') + 1));
            }
        }
        return new ItemShape(base == null ? "Default" : base, additional);
    }

    public static ItemShape allProperties() {
        return new ItemShape("AllProperties", Set.of());
    }

    /** Whether the element {@code name} belongs in the response. */
    public boolean includes(String name) {
        if ("ItemId".equals(name) || additional.contains(name)) {
            return true;
        }
        return switch (baseShape) {
            case "IdOnly" -> false;
            case "AllProperties" -> true;
            default -> DEFAULT.contains(name);
        };
    }

    public boolean requested(String name) {
        return additional.contains(name);
    }

    public String baseShape() {
        return baseShape;
    }
}
