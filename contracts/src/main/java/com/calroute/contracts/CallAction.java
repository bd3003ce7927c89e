package com.calroute.contracts;

/** What happens to a call to the user's mobile number. */
public enum CallAction {
    RING, VOICEMAIL, FORWARD, SWITCHBOARD, BUSY
}
