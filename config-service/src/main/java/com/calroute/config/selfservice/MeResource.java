package com.calroute.config.selfservice;

import com.calroute.config.identity.Caller;
import com.calroute.config.rules.StatusSettingsRules;
import com.calroute.contracts.identity.Roles;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
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
            throw ApiException.invalid("enabled", FieldErrorCodes.REQUIRED, "is required: true or false");
        }
        return new SelfServiceApi.CalendarSync(selfService.setSyncEnabled(caller.actor(), employee(), request.enabled()));
    }

    @GET
    @Path("status-settings")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "What happens to my calls per busy type and outside my working hours (OUTSIDE_WORKING_HOURS)")
    public Map<String, ActionSetting> statusSettings() {
        return selfService.statusSettings(employee());
    }

    @PUT
    @Path("status-settings")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "Set what happens to my calls per busy type and outside my working hours (OUTSIDE_WORKING_HOURS);"
            + " settings left out ring; FORWARD needs a phone number target")
    public Map<String, ActionSetting> setStatusSettings(Map<String, StatusSettingsRules.Choice> request) {
        return selfService.setStatusSettings(caller.actor(), employee(), request);
    }

    @GET
    @Path("priority-callers")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "The numbers whose calls ring through my calendar, automatic replies and working hours (never my"
            + " manual override), and whether my colleagues' calls do too")
    public SelfServiceApi.PriorityCallers priorityCallers() {
        return selfService.priorityCallers(employee());
    }

    @PUT
    @Path("priority-callers")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "Set the numbers (at most 20, typed as in my company's country) whose calls ring through my"
            + " calendar, and whether my colleagues' calls do too; left out: none, off")
    public SelfServiceApi.PriorityCallers setPriorityCallers(SelfServiceApi.PriorityCallers request) {
        return selfService.setPriorityCallers(caller.actor(), employee(), request);
    }

    @GET
    @Path("announcement")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "Whether call control may tell my callers my state and until when (\"… is in a meeting until"
            + " 14:00\"); never a subject")
    public SelfServiceApi.Announcement announcement() {
        return new SelfServiceApi.Announcement(selfService.announcement(employee()));
    }

    @PUT
    @Path("announcement")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "Turn the announcement of my state and until when to callers on or off")
    public SelfServiceApi.Announcement setAnnouncement(SelfServiceApi.Announcement request) {
        if (request == null) {
            throw ApiException.malformed("Send {\"enabled\": true} or {\"enabled\": false}.");
        }
        if (request.enabled() == null) {
            throw ApiException.invalid("enabled", FieldErrorCodes.REQUIRED, "is required: true or false");
        }
        return new SelfServiceApi.Announcement(selfService.setAnnouncement(caller.actor(), employee(),
                request.enabled()));
    }

    @GET
    @Path("invitations")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "How my invitations not yet answered count: AS_SHOWN, TENTATIVE or IGNORE (declined never count)")
    public SelfServiceApi.Invitations invitations() {
        return new SelfServiceApi.Invitations(selfService.unansweredInvitations(employee()).name());
    }

    @PUT
    @Path("invitations")
    @RolesAllowed(Roles.EMPLOYEE)
    @Operation(summary = "Set how my invitations not yet answered count: AS_SHOWN, TENTATIVE or IGNORE")
    public SelfServiceApi.Invitations setInvitations(SelfServiceApi.Invitations request) {
        if (request == null) {
            throw ApiException.malformed("Send {\"unanswered\": \"AS_SHOWN\" | \"TENTATIVE\" | \"IGNORE\"}.");
        }
        return new SelfServiceApi.Invitations(selfService.setUnansweredInvitations(caller.actor(), employee(),
                request.unanswered()).name());
    }

    private SelfService.Employee employee() {
        return new SelfService.Employee(caller.ownTenant(), caller.login(), caller.email().orElse(null),
                caller.emailVerified(), caller.actor());
    }
}
