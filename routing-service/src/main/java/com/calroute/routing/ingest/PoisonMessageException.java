package com.calroute.routing.ingest;

/** A consumed message that cannot be used: it goes to the dead-letter topic with this reason. */
public class PoisonMessageException extends Exception {

    /** A poison message with a plain-words reason (never the message content). */
    public PoisonMessageException(String reason) {
        super(reason, null, false, false);
    }
}
