package com.calroute.contracts;

/** What happens to a call to the user's mobile number. */
public enum CallAction {
    RING, VOICEMAIL, FORWARD, SWITCHBOARD, BUSY;

    /** Whether the action needs a target, the E.164 number calls go to: FORWARD does, and no other action takes one. */
    public boolean needsTarget() {
        return this == FORWARD;
    }

    /** Whether the action lacks the target it needs: FORWARD without an E.164 number. The others never lack one. */
    public boolean lacksTarget(String target) {
        return needsTarget() && !Patterns.isE164(target);
    }
}
