package com.calroute.contracts.status;

import com.calroute.contracts.BusyType;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The reason of a status: for CALENDAR the winning item and its busy type (subject only if shared). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusReason(ReasonSource source, BusyType busyType, String itemId, String subject) {
}
