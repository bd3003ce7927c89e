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
import com.calroute.contracts.users.ActionSetting;
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
 * An employee's own settings. The employee is the enrolled user whose e-mail equals the token's {@code email}
 * (case-insensitive) in the token's {@code tenant}; there is no way to name anyone else.
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

    /** Who an employee is, from the token. */
    public record Employee(String tenantId, String email) {
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

    private EnrolledUser me(Employee employee, boolean forUpdate) {
        String email = EmailAddresses.canonical(employee.email());
        EnrolledUser user = EnrolledUser.<EnrolledUser>find("tenantId = ?1 and email = ?2", employee.tenantId(), email)
                .withLock(forUpdate ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
                .firstResult();
        if (user == null) {
            throw ApiException.notFound("You (" + email + ") are not enrolled in Calroute yet, so there is nothing to"
                    + " turn on or set. Ask your company's Calroute administrator to enrol you.");
        }
        return user;
    }
}
