package com.calroute.ewssim.soap;

import com.calroute.ewssim.ServerVersion;

import java.util.Map;

/** Writes EWS response envelopes and faults in the shape Exchange uses. */
public final class SoapEnvelopes {
    private SoapEnvelopes() {
    }

    /** Starts envelope, ServerVersionInfo header and body, leaving the writer inside {@code s:Body}. */
    public static XmlWriter beginBody(ServerVersion version, int capacity) {
        XmlWriter w = new XmlWriter(capacity).declaration();
        w.start("s:Envelope").attr("xmlns:s", EwsNamespaces.SOAP);
        w.start("s:Header");
        serverVersionInfo(w, version);
        w.end();
        w.start("s:Body").attr("xmlns:xsi", EwsNamespaces.XSI).attr("xmlns:xsd", EwsNamespaces.XSD);
        return w;
    }

    /** Starts a multi-message operation response, leaving the writer inside {@code m:ResponseMessages}. */
    public static XmlWriter beginResponse(ServerVersion version, String operationResponse, int capacity) {
        XmlWriter w = beginBody(version, capacity);
        w.start("m:" + operationResponse).attr("xmlns:m", EwsNamespaces.MESSAGES).attr("xmlns:t", EwsNamespaces.TYPES);
        w.start("m:ResponseMessages");
        return w;
    }

    public static void serverVersionInfo(XmlWriter w, ServerVersion version) {
        w.start("t:ServerVersionInfo").attr("xmlns:t", EwsNamespaces.TYPES)
                .attr("MajorVersion", Integer.toString(version.major()))
                .attr("MinorVersion", Integer.toString(version.minor()))
                .attr("MajorBuildNumber", Integer.toString(version.majorBuild()))
                .attr("MinorBuildNumber", Integer.toString(version.minorBuild()))
                .attr("Version", version.versionAttribute())
                .end();
    }

    /** Closes every open element and returns the document. */
    public static byte[] finish(XmlWriter w) {
        while (w.depth() > 0) {
            w.end();
        }
        return w.toBytes();
    }

    /** Opens a successful response message; the caller writes its content and ends it. */
    public static void beginSuccess(XmlWriter w, String messageElement) {
        w.start("m:" + messageElement).attr("ResponseClass", "Success");
        w.element("m:ResponseCode", ResponseCodes.NO_ERROR);
    }

    /** Opens an error response message (text, code, link key, MessageXml); the caller ends it. */
    public static void beginError(XmlWriter w, String messageElement, MessageError error) {
        w.start("m:" + messageElement).attr("ResponseClass", "Error");
        w.element("m:MessageText", error.getMessage());
        w.element("m:ResponseCode", error.responseCode());
        w.element("m:DescriptiveLinkKey", "0");
        if (!error.messageXml().isEmpty()) {
            w.start("m:MessageXml");
            for (Map.Entry<String, String> value : error.messageXml().entrySet()) {
                w.start("t:Value").attr("Name", value.getKey()).text(value.getValue()).end();
            }
            w.end();
        }
    }

    /** A SOAP 1.1 fault as Exchange sends it (HTTP 500), with the EWS code in faultcode and detail. */
    public static byte[] fault(ServerVersion version, EwsFault fault) {
        XmlWriter w = new XmlWriter(1024).declaration();
        w.start("s:Envelope").attr("xmlns:s", EwsNamespaces.SOAP);
        w.start("s:Header");
        serverVersionInfo(w, version);
        w.end();
        w.start("s:Body");
        w.start("s:Fault");
        if (fault.clientFault()) {
            w.start("faultcode").text("s:Client").end();
        } else {
            w.start("faultcode").attr("xmlns:a", EwsNamespaces.TYPES).text("a:" + fault.responseCode()).end();
        }
        w.start("faultstring").attr("xml:lang", "en-US").text(fault.getMessage()).end();
        w.start("detail");
        w.start("e:ResponseCode").attr("xmlns:e", EwsNamespaces.ERRORS).text(fault.responseCode()).end();
        w.start("e:Message").attr("xmlns:e", EwsNamespaces.ERRORS).text(fault.getMessage()).end();
        if (fault.line() > 0) {
            w.start("e:Line").attr("xmlns:e", EwsNamespaces.ERRORS).text(Integer.toString(fault.line())).end();
            w.start("e:Position").attr("xmlns:e", EwsNamespaces.ERRORS).text(Integer.toString(fault.position())).end();
        }
        if (!fault.messageXml().isEmpty()) {
            w.start("t:MessageXml").attr("xmlns:t", EwsNamespaces.TYPES);
            for (Map.Entry<String, String> value : fault.messageXml().entrySet()) {
                w.start("t:Value").attr("Name", value.getKey()).text(value.getValue()).end();
            }
            w.end();
        }
        return finish(w);
    }
}
