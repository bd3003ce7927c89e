package com.calroute.contracts.status;

import com.calroute.contracts.BusyType;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The reason of a status: for CALENDAR the winning item and its busy type (subject only if shared), and the tenant's
 * {@code subjectCode} or {@code category} that gave the item that busy type, with {@code showOnly} true when it only
 * shows the status (calls ring); those three are left out when they do not apply (and by producers that predate them).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusReason(ReasonSource source, BusyType busyType, String itemId, String subject,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String subjectCode,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String category,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean showOnly) {

    /** A reason without a subject code or category. */
    public StatusReason(ReasonSource source, BusyType busyType, String itemId, String subject) {
        this(source, busyType, itemId, subject, null, null, null);
    }
}
