package com.calroute.config.selfservice;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.enrolment.EnrolledUser;
import com.calroute.config.outbox.Outbox;
import com.calroute.config.problem.ApiException;
import com.calroute.config.rules.EmailAddresses;
import com.calroute.config.rules.StatusSettingsRules;
import com.calroute.config.tenant.ForwardTargetPolicy;
import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.contracts.users.ActionSetting;
import com.calroute.contracts.users.LinkedLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
            user.changed(Instant.now(clock));
            outbox.user(user.message());
            audit.change(actor, enabled ? "selfservice.sync-on" : "selfservice.sync-off",
                    "user:" + user.tenantId + "/" + user.id, null);
        }
        return user.syncEnabled;
    }

    @Transactional
    public Map<BusyType, ActionSetting> statusSettings(Employee employee) {
        return me(employee, false).statusSettings;
    }

    @Transactional
    public Map<BusyType, ActionSetting> setStatusSettings(Actor actor, Employee employee,
                                                          Map<String, StatusSettingsRules.Choice> requested) {
        if (requested == null) {
            throw ApiException.malformed("Send the settings as a JSON object keyed by busy type.");
        }
        Map<BusyType, ActionSetting> settings = new EnumMap<>(BusyType.class);
        StatusSettingsRules.normalise(requested).forEach((type, choice) ->
                settings.put(BusyType.valueOf(type), new ActionSetting(CallAction.valueOf(choice.action()), choice.target())));
        EnrolledUser user = me(employee, true);
        Map<String, String> forwardTargets = new LinkedHashMap<>();
        settings.forEach((type, setting) -> {
            if (setting.target() != null) {
                forwardTargets.put(type.name(), setting.target());
            }
        });
        forwardTargetPolicy.check(user.tenantId, user.mobileNumber, forwardTargets);
        if (!settings.equals(user.statusSettings)) {
            user.statusSettings = Collections.unmodifiableMap(settings);
            user.changed(Instant.now(clock));
            outbox.user(user.message());
            audit.change(actor, "selfservice.status-settings", "user:" + user.tenantId + "/" + user.id, null);
        }
        return user.statusSettings;
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
            throw ApiException.loginRefused(ProblemTypes.EMAIL_NOT_VERIFIED, "E-mail address not verified",
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
            throw ApiException.loginRefused(ProblemTypes.LINKED_TO_ANOTHER_LOGIN, "Enrolment linked to another login",
                    "The enrolment for " + email + " belongs to another login. If it is yours, ask your company's"
                            + " Calroute administrator to release the link, then sign in again.");
        }
        Instant now = Instant.now(clock);
        user.link(employee.login(), now);
        user.changed(now);
        outbox.user(user.message());
        audit.change(employee.actor(), "identity.link",
                "user:" + user.tenantId + "/" + user.id, null);
        return user;
    }
}
