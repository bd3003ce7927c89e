package com.calroute.routing.status;

/** What happens to a call to the user's mobile number. */
public enum Action {
    RING, VOICEMAIL, FORWARD, SWITCHBOARD, BUSY
}
