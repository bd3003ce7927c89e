package com.calroute.ewssim.soap;

import java.util.Map;

/**
 * An error Exchange reports as a SOAP fault (HTTP 500) rather than inside a response message: throttling,
 * impersonation and version failures, and requests it cannot parse.
 */
public final class EwsFault extends RuntimeException {
    private final String responseCode;
    private final Map<String, String> messageXml;
    private final boolean clientFault;
    private final int line;
    private final int position;

    public EwsFault(String responseCode, String message, Map<String, String> messageXml) {
        this(responseCode, message, messageXml, false, 0, 0);
    }

    /** A fault; {@code clientFault} marks the request as the culprit, line/position locate a parse error. */
    public EwsFault(String responseCode, String message, Map<String, String> messageXml, boolean clientFault,
            int line, int position) {
        super(message);
        this.responseCode = responseCode;
        this.messageXml = messageXml == null ? Map.of() : Map.copyOf(messageXml);
        this.clientFault = clientFault;
        this.line = line;
        this.position = position;
    }

    public static EwsFault of(String responseCode) {
        return new EwsFault(ResponseCodes.messageFor(responseCode), responseCode);
    }

    private EwsFault(String message, String responseCode) {
        this(responseCode, message, Map.of(), false, 0, 0);
    }

    public String responseCode() { return responseCode; }
    public Map<String, String> messageXml() { return messageXml; }
    public boolean clientFault() { return clientFault; }
    public int line() { return line; }
    public int position() { return position; }
}
