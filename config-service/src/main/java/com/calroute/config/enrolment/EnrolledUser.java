package com.calroute.config.enrolment;

import com.calroute.contracts.BusyType;
import com.calroute.contracts.users.ActionSetting;
import com.calroute.contracts.users.LinkedLogin;
import com.calroute.contracts.users.UserMessage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
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
        for (BusyType type : BusyType.values()) {
            if (type != BusyType.FREE) {
                settings.put(type, ActionSetting.RING);
            }
        }
        return Collections.unmodifiableMap(settings);
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
                syncEnabled, new EnumMap<>(statusSettings), updatedAt, login().orElse(null));
    }
}
