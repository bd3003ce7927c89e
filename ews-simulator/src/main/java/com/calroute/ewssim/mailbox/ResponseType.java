package com.calroute.ewssim.mailbox;

/**
 * How the mailbox's owner answered a meeting, with its EWS name ({@code ResponseTypeType}) and its Graph name
 * ({@code responseType}). An appointment the owner made is {@link #ORGANIZER}, as Exchange reports it.
 */
public enum ResponseType {
    UNKNOWN("Unknown", "none"),
    ORGANIZER("Organizer", "organizer"),
    TENTATIVE("Tentative", "tentativelyAccepted"),
    ACCEPT("Accept", "accepted"),
    DECLINE("Decline", "declined"),
    NO_RESPONSE_RECEIVED("NoResponseReceived", "notResponded");

    private final String wireName;
    private final String graphName;

    ResponseType(String wireName, String graphName) {
        this.wireName = wireName;
        this.graphName = graphName;
    }

    /** The EWS name. */
    public String wireName() {
        return wireName;
    }

    /** The Graph name. */
    public String graphName() {
        return graphName;
    }

    /** Accepts the EWS name, the Graph name or the constant name, case-insensitively. */
    public static ResponseType parse(String value) {
        return ExchangeNames.parse(ResponseType.class, value, ResponseType::wireName, ResponseType::graphName,
                "response type");
    }
}
