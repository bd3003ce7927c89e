package com.calroute.ewssim.soap;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/**
 * A parsed EWS request: the operation element in the body and the headers EWS cares about. Parsing is hardened
 * the way Exchange's is: a DOCTYPE (and with it any external entity) is refused, never resolved.
 */
public final class SoapRequest {
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SoapRequest::newBuilder);

    private final Element operation;
    private final String requestServerVersion;
    private final Impersonation impersonation;
    private final boolean timeZoneContext;

    /** The ExchangeImpersonation header: which id kind was used and its value. */
    public record Impersonation(String kind, String value) {
    }

    private SoapRequest(Element operation, String requestServerVersion, Impersonation impersonation,
            boolean timeZoneContext) {
        this.operation = operation;
        this.requestServerVersion = requestServerVersion;
        this.impersonation = impersonation;
        this.timeZoneContext = timeZoneContext;
    }

    public Element operation() { return operation; }
    public String operationName() { return operation.getLocalName(); }
    public String requestServerVersion() { return requestServerVersion; }
    public Impersonation impersonation() { return impersonation; }
    public boolean hasTimeZoneContext() { return timeZoneContext; }

    public static SoapRequest parse(byte[] content) {
        Document document;
        try {
            DocumentBuilder builder = BUILDERS.get();
            builder.reset();
            document = builder.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            throw schemaError(e.getMessage(), e.getLineNumber(), e.getColumnNumber());
        } catch (SAXException | IOException e) {
            throw schemaError(e.getMessage(), 0, 0);
        }
        Element envelope = document.getDocumentElement();
        if (!EwsNamespaces.SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw schemaError("The root element is not a SOAP 1.1 Envelope.", 1, 1);
        }
        Element header = Dom.child(envelope, EwsNamespaces.SOAP, "Header");
        Element body = Dom.child(envelope, EwsNamespaces.SOAP, "Body");
        Element operation = body == null ? null : Dom.childElements(body).stream().findFirst().orElse(null);
        if (operation == null || !EwsNamespaces.MESSAGES.equals(operation.getNamespaceURI())) {
            throw schemaError("The SOAP body does not contain an EWS request.", 1, 1);
        }
        String version = Dom.attr(Dom.child(header, EwsNamespaces.TYPES, "RequestServerVersion"), "Version");
        return new SoapRequest(operation, version, impersonationOf(header),
                Dom.child(header, EwsNamespaces.TYPES, "TimeZoneContext") != null);
    }

    private static Impersonation impersonationOf(Element header) {
        Element connectingSid = Dom.child(Dom.child(header, EwsNamespaces.TYPES, "ExchangeImpersonation"),
                EwsNamespaces.TYPES, "ConnectingSID");
        if (connectingSid == null) {
            return null;
        }
        for (String kind : new String[] {"SmtpAddress", "PrimarySmtpAddress", "PrincipalName", "SID"}) {
            String value = Dom.childText(connectingSid, EwsNamespaces.TYPES, kind);
            if (value != null) {
                return new Impersonation(kind, value);
            }
        }
        throw schemaError("ConnectingSID needs SmtpAddress, PrimarySmtpAddress, PrincipalName or SID.", 0, 0);
    }

    private static EwsFault schemaError(String detail, int line, int column) {
        return new EwsFault(ResponseCodes.SCHEMA_VALIDATION, "The request failed schema validation: " + detail,
                Map.of(), true, line, column);
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot configure a hardened XML parser", e);
        }
    }
}
