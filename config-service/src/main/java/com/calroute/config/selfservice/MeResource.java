package com.calroute.config.selfservice;

import com.calroute.config.identity.Caller;
import com.calroute.config.identity.Roles;
import com.calroute.config.problem.ApiException;
import com.calroute.config.rules.StatusSettingsRules;
import com.calroute.contracts.BusyType;
import com.calroute.contracts.users.ActionSetting;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** An employee's own Outlook sync switch and status settings; the token says who "me" is. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Self-service")
public class MeResource {

    @Inject
    SelfService selfService;

    @Inject
    Caller caller;

    @GET
    @Path("calendar-sync")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "Whether my Outlook calendar is synchronised")
    public SelfServiceApi.CalendarSync calendarSync() {
        return new SelfServiceApi.CalendarSync(selfService.syncEnabled(employee()));
    }

    @PUT
    @Path("calendar-sync")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "Turn synchronisation of my Outlook calendar on or off (only when enrolled)")
    public SelfServiceApi.CalendarSync setCalendarSync(SelfServiceApi.CalendarSync request) {
        if (request == null) {
            throw ApiException.malformed("Send {\"enabled\": true} or {\"enabled\": false}.");
        }
        if (request.enabled() == null) {
            throw ApiException.invalid("enabled", "is required: true or false");
        }
        return new SelfServiceApi.CalendarSync(selfService.setSyncEnabled(caller.actor(), employee(), request.enabled()));
    }

    @GET
    @Path("status-settings")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "What happens to my calls per busy type")
    public Map<BusyType, ActionSetting> statusSettings() {
        return selfService.statusSettings(employee());
    }

    @PUT
    @Path("status-settings")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "Set what happens to my calls per busy type; busy types left out ring; FORWARD needs an E.164 target")
    public Map<BusyType, ActionSetting> setStatusSettings(Map<String, StatusSettingsRules.Choice> request) {
        return selfService.setStatusSettings(caller.actor(), employee(), request);
    }

    private SelfService.Employee employee() {
        return new SelfService.Employee(caller.ownTenant(), caller.login(), caller.email().orElse(null),
                caller.emailVerified(), caller.actor());
    }
}
