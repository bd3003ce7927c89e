package com.calroute.ewssim.soap;

import java.util.Map;

/** An error Exchange reports inside one response message (ResponseClass="Error"), not as a fault. */
public final class MessageError extends RuntimeException {
    private final String responseCode;
    private final Map<String, String> messageXml;

    public MessageError(String responseCode) {
        this(responseCode, ResponseCodes.messageFor(responseCode), Map.of());
    }

    public MessageError(String responseCode, String message, Map<String, String> messageXml) {
        super(message);
        this.responseCode = responseCode;
        this.messageXml = messageXml == null ? Map.of() : Map.copyOf(messageXml);
    }

    public String responseCode() { return responseCode; }
    public Map<String, String> messageXml() { return messageXml; }
}
