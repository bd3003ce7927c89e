package com.calroute.config.enrolment;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.CallAction;
import com.calroute.contracts.users.ActionSetting;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.contracts.users.UnansweredInvitations;
import com.calroute.contracts.users.UserMessage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An enrolled employee. {@code version} rises with every change and is the version of the user's users.v1 message. */
@Entity
@Table(name = "enrolled_user")
public class EnrolledUser extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String email;

    @Column(name = "mobile_number", nullable = false)
    public String mobileNumber;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "sync_enabled", nullable = false)
    public boolean syncEnabled;

    @Convert(converter = StatusSettingsColumn.class)
    @Column(name = "status_settings", nullable = false)
    public Map<BusyType, ActionSetting> statusSettings;

    /** How the employee's invitations not yet answered count for their calls. */
    @Enumerated(EnumType.STRING)
    @Column(name = "unanswered_invitations", nullable = false)
    public UnansweredInvitations unansweredInvitations = UnansweredInvitations.AS_SHOWN;

    /** What happens to the employee's calls outside their mailbox's working hours. */
    @Enumerated(EnumType.STRING)
    @Column(name = "outside_working_hours_action", nullable = false)
    public CallAction outsideWorkingHoursAction = CallAction.RING;

    /** The E.164 number calls go to outside working hours, for FORWARD only. */
    @Column(name = "outside_working_hours_target")
    public String outsideWorkingHoursTarget;

    /** The E.164 numbers whose calls ring through the calendar, in the order the employee listed them. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "priority_callers", nullable = false, columnDefinition = "text[]")
    public String[] priorityCallers = new String[0];

    /** Whether calls from the mobile numbers enrolled in the same tenant ring through like priority callers. */
    @Column(name = "colleagues_ring_through", nullable = false)
    public boolean colleaguesRingThrough;

    /** Whether route lookups may tell callers the employee's state and until when (the employee may turn it off). */
    @Column(nullable = false)
    public boolean announcement = true;

    @Column(nullable = false)
    public long version;

    /** The issuer of the login bound to this enrolment; null while none is bound. */
    @Column(name = "login_issuer")
    public String loginIssuer;

    /** The subject of the login bound to this enrolment; null while none is bound. */
    @Column(name = "login_subject")
    public String loginSubject;

    @Column(name = "login_linked_at")
    public Instant loginLinkedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A new user: a fresh id never used before, sync off, every busy type ringing. */
    public static EnrolledUser create(String tenantId, String email, String mobileNumber, String displayName, Instant now) {
        EnrolledUser user = new EnrolledUser();
        user.id = UUID.randomUUID();
        user.tenantId = tenantId;
        user.email = email;
        user.mobileNumber = mobileNumber;
        user.displayName = displayName;
        user.syncEnabled = false;
        user.statusSettings = defaultSettings();
        user.version = 1;
        user.createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        user.updatedAt = user.createdAt;
        return user;
    }

    /** All routable busy types ringing: nothing changes until the employee chooses. */
    public static Map<BusyType, ActionSetting> defaultSettings() {
        Map<BusyType, ActionSetting> settings = new EnumMap<>(BusyType.class);
        BusyType.ROUTABLE.forEach(type -> settings.put(type, ActionSetting.RING));
        return Collections.unmodifiableMap(settings);
    }

    /** What happens to the employee's calls outside their mailbox's working hours. */
    public ActionSetting outsideWorkingHours() {
        return new ActionSetting(outsideWorkingHoursAction, outsideWorkingHoursTarget);
    }

    /** Sets what happens to the employee's calls outside working hours (validated by the caller). */
    public void outsideWorkingHours(ActionSetting setting) {
        outsideWorkingHoursAction = setting.action();
        outsideWorkingHoursTarget = setting.target();
    }

    /** The numbers whose calls ring through, in E.164. */
    public List<String> priorityCallers() {
        return List.of(priorityCallers);
    }

    /** Sets the numbers whose calls ring through (validated by the caller). */
    public void priorityCallers(List<String> numbers) {
        priorityCallers = numbers.toArray(String[]::new);
    }

    /** Marks a change made at {@code now}: the next version. */
    public void changed(Instant now) {
        version++;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The login bound to this enrolment, if any. */
    public Optional<LinkedLogin> login() {
        return loginIssuer == null ? Optional.empty() : Optional.of(new LinkedLogin(loginIssuer, loginSubject));
    }

    /** Binds {@code login} to this enrolment (the caller checked it may be claimed). */
    public void link(LinkedLogin login, Instant now) {
        loginIssuer = login.issuer();
        loginSubject = login.subject();
        loginLinkedAt = now.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Releases the bound login, if any; the next verified sign-in with the enrolled e-mail claims it anew. */
    public boolean unlink() {
        boolean wasLinked = loginIssuer != null;
        loginIssuer = null;
        loginSubject = null;
        loginLinkedAt = null;
        return wasLinked;
    }

    /**
     * Changes the enrolled e-mail. The bound login is released with it: an admin who re-addresses an enrolment may
     * mean another person, and the employee it belonged to claims it again at the next verified sign-in.
     */
    public void changeEmail(String newEmail) {
        email = newEmail;
        unlink();
    }

    /** The users.v1 value announcing this state. */
    public UserMessage message() {
        return new UserMessage(UserMessage.SCHEMA, version, tenantId, id.toString(), email, mobileNumber, displayName,
                syncEnabled, new EnumMap<>(statusSettings), updatedAt, login().orElse(null), unansweredInvitations,
                outsideWorkingHours(), priorityCallers(), colleaguesRingThrough, announcement);
    }
}
