package com.calroute.sync.plan;

/**
 * How the mailbox's owner answered a meeting, from Exchange's names: EWS {@code ResponseTypeType} and Graph
 * {@code responseType}. Null for an appointment that is not a meeting, or when Exchange does not say
 * ({@code Unknown}, {@code none}): such an item counts as shown.
 */
public enum Response {
    ORGANIZER, ACCEPTED, TENTATIVE, DECLINED, NOT_RESPONDED;

    /** The response Exchange named, or null. */
    public static Response fromExchange(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "Organizer", "organizer" -> ORGANIZER;
            case "Accept", "accepted" -> ACCEPTED;
            case "Tentative", "tentativelyAccepted" -> TENTATIVE;
            case "Decline", "declined" -> DECLINED;
            case "NoResponseReceived", "notResponded" -> NOT_RESPONDED;
            default -> null;
        };
    }
}
