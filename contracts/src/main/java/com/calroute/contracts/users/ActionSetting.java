package com.calroute.contracts.users;

import com.calroute.contracts.CallAction;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The action a user chose for one busy type; {@code target} is the E.164 number for FORWARD, else null. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ActionSetting(CallAction action, String target) {

    /** The default for every busy type: calls ring normally. */
    public static final ActionSetting RING = new ActionSetting(CallAction.RING, null);
}
