package com.calroute.contracts.users;

import com.calroute.contracts.BusyType;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A value on {@code calroute.users.v1}: an enrolled user's current settings. Un-enrolment is a tombstone
 * (null value), not a message of this type. {@code login} is the login bound to the enrolment, null until the
 * employee first signs in with a verified e-mail equal to the enrolled one (and again after an admin releases it).
 * {@code unansweredInvitations} is null from producers that predate it, meaning {@link UnansweredInvitations#AS_SHOWN}.
 * {@code outsideWorkingHours} is what happens to calls outside the mailbox's working hours; null (from producers that
 * predate it) means {@link ActionSetting#RING}. {@code priorityCallers} are the E.164 numbers (at most
 * {@value #MAX_PRIORITY_CALLERS}, unique) whose calls ring through whatever the calendar, automatic replies or working
 * hours decide, and {@code colleaguesRingThrough} lets calls from the mobile numbers enrolled in the same tenant do the
 * same; null (from producers that predate them) means none and false. {@code announcement} is whether a route lookup
 * may tell the caller the employee's state and until when ("Kari Nordmann er i møte til 14:00"); null (from producers
 * that predate it) means on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserMessage(
        String schema,
        long version,
        String tenantId,
        String userId,
        String email,
        String mobileNumber,
        String displayName,
        boolean syncEnabled,
        Map<BusyType, ActionSetting> statusSettings,
        Instant changedAt,
        LinkedLogin login,
        UnansweredInvitations unansweredInvitations,
        ActionSetting outsideWorkingHours,
        List<String> priorityCallers,
        Boolean colleaguesRingThrough,
        Boolean announcement) {

    /** The value of the {@code schema} field. */
    public static final String SCHEMA = "calroute.users.v1";
    /** The most numbers a user's {@code priorityCallers} may hold. */
    public static final int MAX_PRIORITY_CALLERS = 20;
}
