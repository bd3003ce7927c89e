package com.calroute.config.selfservice;

/** The JSON shapes of the employee's own settings. */
public final class SelfServiceApi {

    private SelfServiceApi() {
    }

    /** {@code GET|PUT /api/v1/me/calendar-sync}. */
    public record CalendarSync(Boolean enabled) {
    }
}
