package com.calroute.ewssim.mailbox;

import java.time.Instant;

/**
 * A change as EWS notifications report it: to a calendar item, or ({@code folder} true) to the calendar folder
 * itself, whose id is then in {@code itemId}.
 */
public record MailboxEvent(Type type, String itemId, String changeKey, String parentFolderId,
        String parentFolderChangeKey, Instant timeStamp, boolean folder) {

    /** The notification event kinds the calendar folder produces. */
    public enum Type {
        CREATED("CreatedEvent"), MODIFIED("ModifiedEvent"), DELETED("DeletedEvent");

        private final String elementName;

        Type(String elementName) {
            this.elementName = elementName;
        }

        public String elementName() {
            return elementName;
        }

        public static Type fromEventType(String wireName) {
            for (Type type : values()) {
                if (type.elementName.equals(wireName)) {
                    return type;
                }
            }
            return null;
        }
    }
}
