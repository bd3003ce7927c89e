package com.calroute.sync.ews;

import com.calroute.sync.plan.TimeZones;
import com.calroute.sync.plan.TimeZones.YearlyChange;
import com.calroute.sync.plan.WorkingHours;
import microsoft.exchange.webservices.data.core.EwsServiceXmlReader;
import microsoft.exchange.webservices.data.core.EwsServiceXmlWriter;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.misc.XmlNamespace;
import microsoft.exchange.webservices.data.core.request.SimpleServiceRequestBase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamConstants;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GetUserAvailability for one mailbox, asked only for its working hours. ews-java-api has the operation, but throws
 * the working hours' time zone away (its {@code LegacyAvailabilityTimeZone.toTimeZoneInfo} keeps neither bias nor
 * changes) and keeps one period; so this request goes through the library's transport (our hardened HTTP clients,
 * authentication, impersonation) but writes and reads the XML itself. The answer's time zone, which the
 * availability service gives as rules rather than a name, is matched to an IANA zone. Exchange is hostile input:
 * the answer is parsed without DTDs, and anything unusable means "not known" (null), never a guess.
 */
final class WorkingHoursRequest extends SimpleServiceRequestBase<WorkingHours> {

    private static final String TYPES = "http://schemas.microsoft.com/exchange/services/2006/types";
    private static final String MESSAGES = "http://schemas.microsoft.com/exchange/services/2006/messages";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** The elements whose text we read; everything else is structure. */
    private static final Set<String> LEAVES = Set.of("ResponseCode", "MessageText", "FreeBusyViewType",
            "MergedFreeBusy", "StartTime", "EndTime", "BusyType", "Bias", "Time", "DayOrder", "Month", "DayOfWeek",
            "Year", "StartTimeInMinutes", "EndTimeInMinutes");
    /** A one-mailbox answer has a few dozen elements; a server answering far more is refused, not followed. */
    private static final int MAX_ELEMENTS = 10_000;

    private final String mailbox;
    private final Instant now;

    WorkingHoursRequest(ExchangeService service, String mailbox, Instant now) throws Exception {
        super(service);
        this.mailbox = mailbox;
        this.now = now;
    }

    /** Sends the request; the mailbox's working hours, or null when Exchange answered none that can be used. */
    WorkingHours send() throws Exception {
        return internalExecute();
    }

    @Override
    public String getXmlElementName() {
        return "GetUserAvailabilityRequest";
    }

    @Override
    protected String getResponseXmlElementName() {
        return "GetUserAvailabilityResponse";
    }

    @Override
    protected ExchangeVersion getMinimumRequiredServerVersion() {
        return ExchangeVersion.Exchange2007_SP1;
    }

    @Override
    protected void writeElementsToXml(EwsServiceXmlWriter writer) throws Exception {
        // Times of the request in UTC: a zone without daylight time, bias 0.
        writer.writeStartElement(XmlNamespace.Types, "TimeZone");
        writer.writeElementValue(XmlNamespace.Types, "Bias", 0);
        for (String part : List.of("StandardTime", "DaylightTime")) {
            writer.writeStartElement(XmlNamespace.Types, part);
            writer.writeElementValue(XmlNamespace.Types, "Bias", 0);
            writer.writeElementValue(XmlNamespace.Types, "Time", "00:00:00");
            writer.writeElementValue(XmlNamespace.Types, "DayOrder", 0);
            writer.writeElementValue(XmlNamespace.Types, "Month", 0);
            writer.writeElementValue(XmlNamespace.Types, "DayOfWeek", "Sunday");
            writer.writeEndElement();
        }
        writer.writeEndElement();
        writer.writeStartElement(XmlNamespace.Messages, "MailboxDataArray");
        writer.writeStartElement(XmlNamespace.Types, "MailboxData");
        writer.writeStartElement(XmlNamespace.Types, "Email");
        writer.writeElementValue(XmlNamespace.Types, "Address", mailbox);
        writer.writeEndElement();
        writer.writeElementValue(XmlNamespace.Types, "AttendeeType", "Required");
        writer.writeElementValue(XmlNamespace.Types, "ExcludeConflicts", "false");
        writer.writeEndElement();
        writer.writeEndElement();
        // The smallest view that carries working hours: free/busy times of one day, which we do not use.
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        writer.writeStartElement(XmlNamespace.Types, "FreeBusyViewOptions");
        writer.writeStartElement(XmlNamespace.Types, "TimeWindow");
        writer.writeElementValue(XmlNamespace.Types, "StartTime", UTC_TIME.format(day.atOffset(ZoneOffset.UTC)));
        writer.writeElementValue(XmlNamespace.Types, "EndTime",
                UTC_TIME.format(day.plus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)));
        writer.writeEndElement();
        writer.writeElementValue(XmlNamespace.Types, "RequestedView", "FreeBusy");
        writer.writeEndElement();
    }

    /**
     * Copies the answer into a small DOM while streaming it (ews-java-api has no usable outer-XML of a response),
     * taking the text of the leaf elements we read, then reads the working hours from it.
     */
    @Override
    protected WorkingHours parseResponse(EwsServiceXmlReader reader) throws Exception {
        Document document = newDocumentBuilder().newDocument();
        Element root = document.createElementNS(MESSAGES, getResponseXmlElementName());
        document.appendChild(root);
        Deque<Element> open = new ArrayDeque<>();
        open.push(root);
        int copied = 0;
        while (!open.isEmpty()) {
            reader.read();
            int type = reader.getNodeType().getNodeType();
            if (type == XMLStreamConstants.START_ELEMENT) {
                if (++copied > MAX_ELEMENTS) {
                    throw new IllegalStateException("GetUserAvailability answered more than " + MAX_ELEMENTS + " elements");
                }
                Element element = document.createElementNS(reader.getNamespaceUri(), reader.getLocalName());
                open.peek().appendChild(element);
                if (LEAVES.contains(reader.getLocalName())) {
                    element.setTextContent(reader.readValue());
                } else {
                    if ("ResponseMessage".equals(reader.getLocalName())) {
                        element.setAttribute("ResponseClass", reader.readAttributeValue("ResponseClass"));
                    }
                    open.push(element);
                }
            } else if (type == XMLStreamConstants.END_ELEMENT) {
                open.pop();
            }
        }
        return parse(document, now);
    }

    /** The working hours in a GetUserAvailabilityResponse's text; null when none are usable. */
    static WorkingHours parse(String responseXml, Instant now) {
        try {
            return parse(newDocumentBuilder().parse(new InputSource(new StringReader(responseXml))), now);
        } catch (Exception e) {
            return null;
        }
    }

    private static DocumentBuilder newDocumentBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }

    /** The working hours in a GetUserAvailabilityResponse's first FreeBusyResponse; null when none are usable. */
    private static WorkingHours parse(Document document, Instant now) {
        Element response = first(document.getDocumentElement(), MESSAGES, "FreeBusyResponse");
        Element message = response == null ? null : first(response, MESSAGES, "ResponseMessage");
        if (message == null || !"Success".equals(message.getAttribute("ResponseClass"))) {
            return null;
        }
        Element hours = first(response, TYPES, "WorkingHours");
        if (hours == null) {
            return null;
        }
        try {
            ZoneId zone = zone(first(hours, TYPES, "TimeZone"), now);
            List<WorkingHours.Period> periods = new ArrayList<>();
            Element array = first(hours, TYPES, "WorkingPeriodArray");
            for (Element period : children(array, TYPES, "WorkingPeriod")) {
                periods.add(new WorkingHours.Period(days(text(period, "DayOfWeek")),
                        Integer.parseInt(text(period, "StartTimeInMinutes")),
                        Integer.parseInt(text(period, "EndTimeInMinutes"))));
            }
            return WorkingHours.fromExchange(zone, periods);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ZoneId zone(Element timeZone, Instant now) {
        if (timeZone == null) {
            return null;
        }
        int bias = Integer.parseInt(text(timeZone, "Bias"));
        Element standard = first(timeZone, TYPES, "StandardTime");
        Element daylight = first(timeZone, TYPES, "DaylightTime");
        YearlyChange toStandard = change(standard);
        YearlyChange toDaylight = change(daylight);
        int standardBias = standard == null ? 0 : Integer.parseInt(text(standard, "Bias"));
        int daylightBias = daylight == null ? 0 : Integer.parseInt(text(daylight, "Bias"));
        boolean seasons = toStandard != null && toDaylight != null;
        int year = now.atOffset(ZoneOffset.ofTotalSeconds(Math.max(-64800, Math.min(64800, -bias * 60)))).getYear();
        return TimeZones.fromAvailability(bias + standardBias, seasons ? daylightBias - standardBias : 0,
                seasons ? toDaylight : null, seasons ? toStandard : null, year, null).orElse(null);
    }

    private static YearlyChange change(Element time) {
        if (time == null || Integer.parseInt(text(time, "Month")) == 0) {
            return null;
        }
        return new YearlyChange(Integer.parseInt(text(time, "Month")), Integer.parseInt(text(time, "DayOrder")),
                DayOfWeek.valueOf(text(time, "DayOfWeek").toUpperCase(Locale.ROOT)), LocalTime.parse(text(time, "Time")));
    }

    /** EWS {@code DaysOfWeekType}: a list of day names, where Day, Weekday and WeekendDay stand for several. */
    private static Set<DayOfWeek> days(String list) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : list.trim().split("\\s+")) {
            switch (name) {
                case "Day" -> days.addAll(EnumSet.allOf(DayOfWeek.class));
                case "Weekday" -> days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
                case "WeekendDay" -> days.addAll(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
                default -> {
                    try {
                        days.add(DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        // An unknown name is dropped; a period left without days is not usable.
                    }
                }
            }
        }
        return days;
    }

    private static String text(Element parent, String localName) {
        Element child = first(parent, TYPES, localName);
        if (child == null) {
            throw new IllegalArgumentException(localName + " is missing");
        }
        return child.getTextContent().trim();
    }

    private static Element first(Element parent, String namespace, String localName) {
        var found = parent.getElementsByTagNameNS(namespace, localName);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> children = new ArrayList<>();
        if (parent == null) {
            return children;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }
}
