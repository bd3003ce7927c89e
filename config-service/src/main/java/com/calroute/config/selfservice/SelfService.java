package com.calroute.config.selfservice;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.enrolment.EnrolledUser;
import com.calroute.config.outbox.Outbox;
import com.calroute.config.rules.EmailAddresses;
import com.calroute.config.rules.PriorityCallerRules;
import com.calroute.config.rules.StatusSettingsRules;
import com.calroute.config.tenant.ForwardTargetPolicy;
import com.calroute.config.tenant.TenantService;
import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.contracts.users.ActionSetting;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.contracts.users.UnansweredInvitations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An employee's own settings. The employee is the enrolment of the token's {@code tenant} bound to the token's login
 * (issuer + subject). An unbound enrolment is claimed by the first login whose token has {@code email_verified=true}
 * and an {@code email} equal (case-insensitive) to the enrolled one; after that the binding decides, never the e-mail
 * alone, so a login that changes its e-mail to a colleague's cannot become the colleague. There is no way to name
 * anyone else.
 */
@ApplicationScoped
public class SelfService {

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    ForwardTargetPolicy forwardTargetPolicy;

    @Inject
    TenantService tenants;

    /** Who an employee is, from the token: tenant, login, the e-mail with whether it was verified, and the audit actor. */
    public record Employee(String tenantId, LinkedLogin login, String email, boolean emailVerified, Actor actor) {
    }

    @Transactional
    public boolean syncEnabled(Employee employee) {
        return me(employee, false).syncEnabled;
    }

    @Transactional
    public boolean setSyncEnabled(Actor actor, Employee employee, boolean enabled) {
        EnrolledUser user = me(employee, true);
        if (user.syncEnabled != enabled) {
            user.syncEnabled = enabled;
            published(user, actor, enabled ? "selfservice.sync-on" : "selfservice.sync-off", null);
        }
        return user.syncEnabled;
    }

    /** The caller's action per busy type and outside working hours ({@code OUTSIDE_WORKING_HOURS}), in that order. */
    @Transactional
    public Map<String, ActionSetting> statusSettings(Employee employee) {
        return document(me(employee, false));
    }

    /**
     * Sets the caller's whole settings document: the busy types and the time outside working hours, each left out
     * ringing. A refused setting stores nothing; a change is published with the user.
     */
    @Transactional
    public Map<String, ActionSetting> setStatusSettings(Actor actor, Employee employee,
                                                        Map<String, StatusSettingsRules.Choice> requested) {
        if (requested == null) {
            throw ApiException.malformed("Send the settings as a JSON object keyed by busy type.");
        }
        EnrolledUser user = me(employee, true);
        Map<String, ActionSetting> requestedSettings = new LinkedHashMap<>();
        StatusSettingsRules.normalise(requested, tenants.find(user.tenantId).country).forEach((key, choice) ->
                requestedSettings.put(key, new ActionSetting(CallAction.valueOf(choice.action()), choice.target())));
        Map<String, String> forwardTargets = new LinkedHashMap<>();
        requestedSettings.forEach((key, setting) -> {
            if (setting.target() != null) {
                forwardTargets.put(key, setting.target());
            }
        });
        forwardTargetPolicy.check(user.tenantId, user.mobileNumber, forwardTargets);
        ActionSetting outside = requestedSettings.remove(StatusSettingsRules.OUTSIDE_WORKING_HOURS);
        Map<BusyType, ActionSetting> settings = new EnumMap<>(BusyType.class);
        requestedSettings.forEach((type, setting) -> settings.put(BusyType.valueOf(type), setting));
        if (!settings.equals(user.statusSettings) || !outside.equals(user.outsideWorkingHours())) {
            user.statusSettings = Collections.unmodifiableMap(settings);
            user.outsideWorkingHours(outside);
            published(user, actor, "selfservice.status-settings", null);
        }
        return document(user);
    }

    private static Map<String, ActionSetting> document(EnrolledUser user) {
        Map<String, ActionSetting> document = new LinkedHashMap<>();
        user.statusSettings.forEach((type, setting) -> document.put(type.name(), setting));
        document.put(StatusSettingsRules.OUTSIDE_WORKING_HOURS, user.outsideWorkingHours());
        return document;
    }

    /** The numbers whose calls ring through the caller's calendar, and whether colleagues' calls do too. */
    @Transactional
    public SelfServiceApi.PriorityCallers priorityCallers(Employee employee) {
        EnrolledUser user = me(employee, false);
        return new SelfServiceApi.PriorityCallers(user.priorityCallers(), user.colleaguesRingThrough);
    }

    /**
     * Replaces the caller's priority callers (typed in the tenant's country, kept in E.164) and the colleagues switch;
     * left out, they are none and off. A refused list stores nothing; a change is published with the user.
     */
    @Transactional
    public SelfServiceApi.PriorityCallers setPriorityCallers(Actor actor, Employee employee,
                                                           SelfServiceApi.PriorityCallers requested) {
        if (requested == null) {
            throw ApiException.malformed("Send {\"numbers\": [\"912 34 567\", …], \"colleagues\": true | false}.");
        }
        EnrolledUser user = me(employee, true);
        List<String> numbers = PriorityCallerRules.normalise(requested.numbers(), tenants.find(user.tenantId).country);
        boolean colleagues = Boolean.TRUE.equals(requested.colleagues());
        if (!numbers.equals(user.priorityCallers()) || colleagues != user.colleaguesRingThrough) {
            user.priorityCallers(numbers);
            user.colleaguesRingThrough = colleagues;
            published(user, actor, "selfservice.priority-callers", null);
        }
        return new SelfServiceApi.PriorityCallers(user.priorityCallers(), user.colleaguesRingThrough);
    }

    /** Whether route lookups may tell the caller's callers their state and until when. */
    @Transactional
    public boolean announcement(Employee employee) {
        return me(employee, false).announcement;
    }

    /** Turns the announcement to callers on or off; a change is published with the user. */
    @Transactional
    public boolean setAnnouncement(Actor actor, Employee employee, boolean enabled) {
        EnrolledUser user = me(employee, true);
        if (user.announcement != enabled) {
            user.announcement = enabled;
            published(user, actor, "selfservice.announcement", enabled ? "on" : "off");
        }
        return user.announcement;
    }

    @Transactional
    public UnansweredInvitations unansweredInvitations(Employee employee) {
        return me(employee, false).unansweredInvitations;
    }

    /** Sets how the caller's unanswered invitations count; a change is published with the user. */
    @Transactional
    public UnansweredInvitations setUnansweredInvitations(Actor actor, Employee employee, String requested) {
        UnansweredInvitations choice = parseUnanswered(requested);
        EnrolledUser user = me(employee, true);
        if (user.unansweredInvitations != choice) {
            user.unansweredInvitations = choice;
            published(user, actor, "selfservice.unanswered-invitations", null);
        }
        return user.unansweredInvitations;
    }

    private static UnansweredInvitations parseUnanswered(String requested) {
        if (requested != null) {
            for (UnansweredInvitations choice : UnansweredInvitations.values()) {
                if (choice.name().equals(requested)) {
                    return choice;
                }
            }
        }
        throw ApiException.invalid("unanswered", requested == null ? FieldErrorCodes.REQUIRED
                : FieldErrorCodes.NOT_ALLOWED_VALUE, "must be one of AS_SHOWN, TENTATIVE, IGNORE");
    }

    /** The caller's enrolment: the one bound to their login, else the one their verified e-mail claims now. */
    private EnrolledUser me(Employee employee, boolean forUpdate) {
        EnrolledUser linked = EnrolledUser.<EnrolledUser>find("tenantId = ?1 and loginIssuer = ?2 and loginSubject = ?3",
                        employee.tenantId(), employee.login().issuer(), employee.login().subject())
                .withLock(forUpdate ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
                .firstResult();
        return linked != null ? linked : claim(employee);
    }

    private EnrolledUser claim(Employee employee) {
        if (employee.email() == null) {
            throw ApiException.forbidden("Your token has no e-mail claim, so Calroute cannot tell which employee you are.");
        }
        String email = EmailAddresses.canonical(employee.email());
        if (!employee.emailVerified()) {
            throw ApiException.forbidden(ProblemTypes.EMAIL_NOT_VERIFIED, "E-mail address not verified",
                    "Your login's e-mail address (" + email + ") is not verified, so Calroute cannot link your login to"
                            + " your enrolment. Verify the address with your login provider, then sign in again.");
        }
        EnrolledUser user = EnrolledUser.<EnrolledUser>find("tenantId = ?1 and email = ?2", employee.tenantId(), email)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (user == null) {
            throw ApiException.notFound("You (" + email + ") are not enrolled in Calroute yet, so there is nothing to"
                    + " turn on or set. Ask your company's Calroute administrator to enrol you.");
        }
        if (user.login().isPresent()) {
            throw ApiException.forbidden(ProblemTypes.LINKED_TO_ANOTHER_LOGIN, "Enrolment linked to another login",
                    "The enrolment for " + email + " belongs to another login. If it is yours, ask your company's"
                            + " Calroute administrator to release the link, then sign in again.");
        }
        user.link(employee.login(), Instant.now(clock));
        published(user, employee.actor(), "identity.link", null);
        return user;
    }

    /** A change of the employee's own enrolment: its new version, the users.v1 message (outbox) and the audit line. */
    private void published(EnrolledUser user, Actor actor, String action, String detail) {
        user.changed(Instant.now(clock));
        outbox.user(user.message());
        audit.change(actor, action, "user:" + user.tenantId + "/" + user.id, detail);
    }
}
