package com.calroute.routing.decisions;

import java.time.Instant;

/**
 * One route lookup's decision as the decision log keeps it: who was called, by whom (masked, see {@link CallerMask}),
 * when, what happened to the call and why — the reason as data, with the interval the reason held for. It never
 * carries a meeting subject: the log outlives the calendar window, and a tenant admin may read it.
 *
 * @param at          when the lookup was answered
 * @param caller      the caller's number masked but for its last 3 digits; null when none was given (withheld)
 * @param state       the user's state (the names of {@code StatusState})
 * @param action      what happened to the call (the names of {@code CallAction})
 * @param target      where a forwarded call went; null otherwise
 * @param source      what decided (the names of {@code ReasonSource})
 * @param busyType    the winning calendar item's busy type, or null
 * @param from        when the deciding status began (null when unbounded)
 * @param until       when it ends (null when unbounded)
 * @param ringThrough why the caller rang through the user's status (PRIORITY_CALLER, COLLEAGUE), or null
 * @param forwardLoop whether the forward chain looped or ran too long and the call went to voicemail
 * @param subjectCode the tenant's subject code that gave the winning item its busy type (e.g. MØT), or null
 * @param category    the tenant's Outlook category that gave it its busy type, or null
 * @param showOnly    whether the item only showed the state ({@code MØT;} or a show-only category) and the call rang
 */
public record Decision(Instant at, String tenantId, String userId, String number, String caller, String state,
                       String action, String target, String source, String busyType, Instant from, Instant until,
                       String ringThrough, boolean forwardLoop, String subjectCode, String category,
                       boolean showOnly) {

    /** A decision no subject code or category took part in. */
    public Decision(Instant at, String tenantId, String userId, String number, String caller, String state,
                    String action, String target, String source, String busyType, Instant from, Instant until,
                    String ringThrough, boolean forwardLoop) {
        this(at, tenantId, userId, number, caller, state, action, target, source, busyType, from, until, ringThrough,
                forwardLoop, null, null, false);
    }
}
