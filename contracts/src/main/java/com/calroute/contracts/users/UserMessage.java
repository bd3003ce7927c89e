package com.calroute.contracts.users;

import com.calroute.contracts.BusyType;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.Map;

/**
 * A value on {@code calroute.users.v1}: an enrolled user's current settings. Un-enrolment is a tombstone
 * (null value), not a message of this type. {@code login} is the login bound to the enrolment, null until the
 * employee first signs in with a verified e-mail equal to the enrolled one (and again after an admin releases it).
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
        LinkedLogin login) {

    /** The value of the {@code schema} field. */
    public static final String SCHEMA = "calroute.users.v1";
}
