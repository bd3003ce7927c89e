package com.calroute.routing.ingest;

import com.calroute.contracts.forwarding.ForwardTargets;
import com.calroute.contracts.status.StatusMessage;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.routing.status.CalendarSnapshot;
import com.calroute.routing.status.CallerRules;
import com.calroute.routing.status.ItemMeanings;
import com.calroute.routing.status.ManualOverride;
import com.calroute.routing.status.StatusSettings;

import java.time.ZoneId;

/** One validated message from a topic routing reads, translated into what the lookup table needs of it. */
public sealed interface Update {

    /** The record key the update is about. */
    String key();

    /**
     * An enrolled user's current settings (users.v1); {@code login} is the login bound to the enrolment, or null;
     * {@code callerRules} whose calls ring through; {@code displayName} (may be null) and whether the caller may hear
     * the user's state and until when ({@code announcement}).
     */
    record UserChanged(String key, long version, String tenantId, String userId, LinkedLogin login, String number,
                       StatusSettings settings, CallerRules callerRules, String displayName, boolean announcement)
            implements Update {

        /** A user without a display name, announcing as by default. */
        public UserChanged(String key, long version, String tenantId, String userId, LinkedLogin login, String number,
                           StatusSettings settings, CallerRules callerRules) {
            this(key, version, tenantId, userId, login, number, settings, callerRules, null, true);
        }
    }

    /** A user was un-enrolled (users.v1 tombstone). */
    record UserRemoved(String key) implements Update {
    }

    /**
     * A mailbox's complete calendar window (calendar.v1). {@code repliesKnown} is false when the message did not know
     * the automatic replies (not read yet after a restart or opt-in, or not readable), {@code workingHoursKnown} when
     * it did not know usable working hours: what is held for the user then stays.
     */
    record CalendarChanged(String key, long version, CalendarSnapshot calendar, boolean repliesKnown,
                           boolean workingHoursKnown) implements Update {
    }

    /** A mailbox's calendar was deleted (calendar.v1 tombstone). */
    record CalendarRemoved(String key) implements Update {
    }

    /**
     * What routing needs of a tenant (tenants.v1, key {@code tenantId}), with its forward-target policy, the
     * country typed numbers are read in (and announcements made in its language), and what its codes mean.
     */
    record TenantChanged(String key, long version, ZoneId zone, String switchboardNumber,
                         ForwardTargets.Policy forwardPolicy, String country, ItemMeanings meanings) implements Update {

        /** A tenant that defines no subject codes or categories. */
        public TenantChanged(String key, long version, ZoneId zone, String switchboardNumber,
                             ForwardTargets.Policy forwardPolicy, String country) {
            this(key, version, zone, switchboardNumber, forwardPolicy, country, ItemMeanings.NONE);
        }
    }

    /** A tenant was deleted (tenants.v1 tombstone). */
    record TenantRemoved(String key) implements Update {
    }

    /** A manual override was set (overrides.v1). */
    record OverrideChanged(String key, long version, ManualOverride override) implements Update {
    }

    /** A manual override was removed (overrides.v1 tombstone). */
    record OverrideRemoved(String key) implements Update {
    }

    /** A status event on status.v1, by this or another replica; {@code message} is null for a tombstone. */
    record StatusSeen(String key, StatusMessage message) implements Update {
    }
}
