package com.calroute.ewssim;

import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.control.Specs;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.DefaultExtendedPropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.MapiPropertyType;
import microsoft.exchange.webservices.data.core.service.item.Appointment;
import microsoft.exchange.webservices.data.property.complex.ExtendedProperty;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import microsoft.exchange.webservices.data.property.definition.ExtendedPropertyDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every extended property asked for in one GetItem that the item has comes back, each echoing the ExtendedFieldURI
 * it was asked by; those it lacks are left out (Microsoft's ExtendedProperty element reference,
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/extendedproperty, and "Properties
 * and extended properties in EWS",
 * https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/properties-and-extended-properties-in-ews-in-exchange;
 * ids and types from MS-OXOCAL / MS-OXPROPS).
 */
class ExtendedPropertiesTest {
    private static final String APPOINTMENT = "DistinguishedPropertySetId=\"Appointment\"";
    private static EwsSimulator simulator;
    private static Specs.ItemRef item;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        item = simulator.control().createAppointment(SimulatorFixture.KARI, new AppointmentSpec("Board", "Room 7", null,
                "2026-12-08T09:00:00Z", "2026-12-08T10:00:00Z", null, null, null, null, null, null, "UTC", null,
                "Tentative", "Private", null, null, null, null));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void propertiesBesideTheBusyStatusAreReturnedAndMissingOnesLeftOut() throws Exception {
        RawEws ews = new RawEws(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD);
        RawEws.Answer answer = ews.post(SimulatorFixture.KARI, "<m:GetItem><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape>"
                + "<t:AdditionalProperties>" + SimulatorFixture.BUSY_STATUS_FIELD
                + "<t:ExtendedFieldURI " + APPOINTMENT + " PropertyId=\"33288\" PropertyType=\"String\"/>"
                + "<t:ExtendedFieldURI PropertySetId=\"00062002-0000-0000-C000-000000000046\" PropertyId=\"33293\" PropertyType=\"SystemTime\"/>"
                + "<t:ExtendedFieldURI PropertyTag=\"0x0036\" PropertyType=\"Integer\"/>"
                + "<t:ExtendedFieldURI " + APPOINTMENT + " PropertyId=\"33288\" PropertyType=\"Integer\"/>"
                + "<t:ExtendedFieldURI DistinguishedPropertySetId=\"PublicStrings\" PropertyName=\"x-none\" PropertyType=\"String\"/>"
                + "</t:AdditionalProperties></m:ItemShape><m:ItemIds><t:ItemId Id=\"" + item.itemId() + "\"/></m:ItemIds></m:GetItem>");

        Map<String, String> values = new HashMap<>();
        var properties = answer.document().getElementsByTagNameNS(RawEws.T, "ExtendedProperty");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            Element uri = RawEws.child(property, RawEws.T, "ExtendedFieldURI");
            String key = uri.hasAttribute("PropertyTag") ? uri.getAttribute("PropertyTag") : uri.getAttribute("PropertyId");
            values.put(key + "/" + uri.getAttribute("PropertyType"), RawEws.child(property, RawEws.T, "Value").getTextContent());
        }
        assertThat(values).containsOnly(Map.entry("33285/Integer", "1"), Map.entry("33288/String", "Room 7"),
                Map.entry("33293/SystemTime", "2026-12-08T09:00:00Z"), Map.entry("0x0036/Integer", "2"));
    }

    @Test
    void ewsJavaApiReadsEachAskedPropertyBesideTheBusyStatus() throws Exception {
        ExtendedPropertyDefinition busy = new ExtendedPropertyDefinition(DefaultExtendedPropertySet.Appointment, 0x8205,
                MapiPropertyType.Integer);
        ExtendedPropertyDefinition location = new ExtendedPropertyDefinition(DefaultExtendedPropertySet.Appointment, 0x8208,
                MapiPropertyType.String);
        ExtendedPropertyDefinition recurring = new ExtendedPropertyDefinition(DefaultExtendedPropertySet.Appointment, 0x8223,
                MapiPropertyType.Boolean);
        try (ExchangeService kari = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                SimulatorFixture.PASSWORD, "ACME", SimulatorFixture.KARI)) {
            Appointment appointment = Appointment.bind(kari, new ItemId(item.itemId()),
                    new PropertySet(BasePropertySet.IdOnly, busy, location, recurring));

            Map<Integer, Object> values = new HashMap<>();
            for (ExtendedProperty property : appointment.getExtendedProperties()) {
                values.put(property.getPropertyDefinition().getId(), property.getValue());
            }
            assertThat(values).containsOnly(Map.entry(0x8205, 1), Map.entry(0x8208, "Room 7"), Map.entry(0x8223, false));
        }
    }
}
