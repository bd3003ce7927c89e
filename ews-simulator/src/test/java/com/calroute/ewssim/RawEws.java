package com.calroute.ewssim;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Sends hand-written SOAP requests, as the wire sees them, and parses the answers with a hardened parser. */
final class RawEws {
    static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String M = "http://schemas.microsoft.com/exchange/services/2006/messages";
    static final String T = "http://schemas.microsoft.com/exchange/services/2006/types";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String authorization;

    RawEws(String url, String user, String password) {
        this.url = url;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A response: HTTP status and parsed document. */
    record Answer(int status, Document document) {
        Element body() {
            Element envelope = document.getDocumentElement();
            return child(envelope, SOAP, "Body");
        }

        Element operationResponse() {
            return firstElement(body());
        }

        Element header() {
            return child(document.getDocumentElement(), SOAP, "Header");
        }

        String responseCode() {
            Element fault = child(body(), SOAP, "Fault");
            if (fault != null) {
                return child(fault, "", "detail").getFirstChild().getTextContent();
            }
            return document.getElementsByTagNameNS(M, "ResponseCode").item(0).getTextContent();
        }
    }

    static String envelope(String impersonated, String requestVersion, String body) {
        String impersonation = impersonated == null ? "" : "<t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>"
                + impersonated + "</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>";
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"" + SOAP + "\" xmlns:t=\"" + T
                + "\" xmlns:m=\"" + M + "\"><soap:Header><t:RequestServerVersion Version=\"" + requestVersion + "\"/>"
                + impersonation + "</soap:Header><soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    Answer post(String impersonated, String body) throws Exception {
        return postRaw(envelope(impersonated, "Exchange2010_SP2", body));
    }

    Answer postRaw(String envelope) throws Exception {
        HttpResponse<byte[]> response = http.send(request(envelope), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), parse(response.body()));
    }

    HttpRequest request(String envelope) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build();
    }

    HttpClient client() {
        return http;
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static Element child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())
                    && (namespace.isEmpty() ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        return null;
    }

    static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
