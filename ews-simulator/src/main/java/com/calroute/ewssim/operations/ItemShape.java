package com.calroute.ewssim.operations;

import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.XmlWriter;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which calendar-item properties a response carries: the BaseShape (IdOnly, Default, AllProperties) plus
 * AdditionalProperties, resolved to element names, and the extended (MAPI) properties asked for by
 * ExtendedFieldURI — which no base shape includes.
 */
public final class ItemShape {
    private static final Set<String> DEFAULT = Set.of("ItemId", "Subject", "HasAttachments", "IsAssociated", "Start",
            "End", "LegacyFreeBusyStatus", "Location", "CalendarItemType", "Organizer");

    /** One requested extended property, with the attributes it was asked by (an answer echoes them). */
    public record ExtendedField(Map<String, String> attributes) {

        /** Writes the {@code t:ExtendedFieldURI} of an answer's {@code t:ExtendedProperty}. */
        public void write(XmlWriter w) {
            w.start("t:ExtendedFieldURI");
            attributes.forEach(w::attr);
            w.end();
        }
    }

    private final String baseShape;
    private final Set<String> additional;
    private final List<ExtendedField> extendedFields;

    private ItemShape(String baseShape, Set<String> additional, List<ExtendedField> extendedFields) {
        this.baseShape = baseShape;
        this.additional = additional;
        this.extendedFields = extendedFields;
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
        List<ExtendedField> extended = new ArrayList<>();
        for (Element field : Dom.children(extra, EwsNamespaces.TYPES, "ExtendedFieldURI")) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String name : List.of("DistinguishedPropertySetId", "PropertySetId", "PropertyTag", "PropertyName",
                    "PropertyId", "PropertyType")) {
                String value = Dom.attr(field, name);
                if (value != null) {
                    attributes.put(name, value);
                }
            }
            extended.add(new ExtendedField(java.util.Collections.unmodifiableMap(attributes)));
        }
        return new ItemShape(base == null ? "Default" : base, additional, List.copyOf(extended));
    }

    public static ItemShape allProperties() {
        return new ItemShape("AllProperties", Set.of(), List.of());
    }

    /** The extended properties asked for, in request order. */
    public List<ExtendedField> extendedFields() {
        return extendedFields;
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
