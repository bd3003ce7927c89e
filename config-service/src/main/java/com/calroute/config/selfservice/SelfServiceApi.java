package com.calroute.config.selfservice;

import java.util.List;

/** The JSON shapes of the employee's own settings. */
public final class SelfServiceApi {

    private SelfServiceApi() {
    }

    /** {@code GET|PUT /api/v1/me/calendar-sync}. */
    public record CalendarSync(Boolean enabled) {
    }

    /**
     * {@code GET|PUT /api/v1/me/priority-callers}: the numbers whose calls ring through the calendar (typed as people
     * write them, answered in E.164) and whether colleagues' calls do too.
     */
    public record PriorityCallers(List<String> numbers, Boolean colleagues) {
    }

    /**
     * {@code GET|PUT /api/v1/me/announcement}: whether call control may tell my callers my state and until when
     * ("Kari Nordmann er i møte til 14:00").
     */
    public record Announcement(Boolean enabled) {
    }

    /** {@code GET|PUT /api/v1/me/invitations}: how invitations not yet answered count (AS_SHOWN, TENTATIVE, IGNORE). */
    public record Invitations(String unanswered) {
    }
}
