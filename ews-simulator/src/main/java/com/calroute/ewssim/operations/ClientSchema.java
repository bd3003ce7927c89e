package com.calroute.ewssim.operations;

import com.calroute.ewssim.ServerVersion;

/**
 * What the schema version a request declares lets an answer contain: Exchange writes each answer in the
 * client's schema, not its own. Time-zone definitions exist from Exchange2010 on; the WorkingElsewhere free/busy
 * value from Exchange2013 on (older clients see such items as Busy).
 */
public record ClientSchema(boolean timeZoneDefinitions, boolean workingElsewhere) {

    /** The schema of a request declaring {@code requestServerVersion} (none: Exchange2007's). */
    public static ClientSchema of(String requestServerVersion) {
        return new ClientSchema(ServerVersion.requestAtLeast(requestServerVersion, "Exchange2010"),
                ServerVersion.requestAtLeast(requestServerVersion, "Exchange2013"));
    }
}
