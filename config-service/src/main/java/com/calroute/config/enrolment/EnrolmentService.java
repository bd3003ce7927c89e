package com.calroute.config.enrolment;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.outbox.Outbox;
import com.calroute.config.outbox.TopicsLost;
import com.calroute.config.rules.EmailAddresses;
import com.calroute.config.rules.PageRequest;
import com.calroute.config.rules.PhoneNumbers;
import com.calroute.config.rules.UserSort;
import com.calroute.config.rules.Violations;
import com.calroute.config.tenant.TenantNumbers;
import com.calroute.config.tenant.TenantService;
import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ApiException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Enrols, changes and un-enrols a tenant's users. Every change is announced on calroute.users.v1 through the outbox;
 * un-enrolment is a tombstone. E-mail is unique per tenant; a mobile number must be one of the tenant's numbers, so it
 * is unique across all tenants (call control looks routes up by number alone) without ever telling who holds one.
 */
@ApplicationScoped
public class EnrolmentService {

    private static final Logger LOG = Logger.getLogger(EnrolmentService.class);

    static final String MOBILE_IN_USE = "This mobile number is already enrolled in Calroute; a number can belong to only one user.";

    @Inject
    TenantService tenants;

    @Inject
    TenantNumbers numbers;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    @Transactional
    public EnrolmentApi.UserPage list(String tenantId, PageRequest page, String q, Boolean syncEnabled, String sort) {
        String orderBy = UserSort.orderBy(sort);
        tenants.find(tenantId);
        StringBuilder where = new StringBuilder("tenantId = :tenant");
        Parameters parameters = Parameters.with("tenant", tenantId);
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(email) like :q escape '\\' or lower(displayName) like :q escape '\\')");
            parameters.and("q", "%" + likeEscaped(q.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (syncEnabled != null) {
            where.append(" and syncEnabled = :sync");
            parameters.and("sync", syncEnabled);
        }
        PanacheQuery<EnrolledUser> query = EnrolledUser.<EnrolledUser>find(where + " order by " + orderBy, parameters)
                .page(Page.of(page.page(), page.size()));
        return new EnrolmentApi.UserPage(query.list().stream().map(EnrolmentApi.UserView::of).toList(),
                page.page(), page.size(), query.count());
    }

    @Transactional
    public EnrolmentApi.UserView create(Actor actor, String tenantId, EnrolmentApi.NewUser request) {
        if (request == null) {
            throw ApiException.malformed("Send the user as a JSON object.");
        }
        Violations violations = new Violations();
        String email = EmailAddresses.requireValid(violations, "email", request.email());
        String mobile = PhoneNumbers.require(violations, "mobileNumber", request.mobileNumber(),
                tenants.find(tenantId).country);
        String displayName = violations.optional("displayName", request.displayName(), 200);
        violations.throwIfAny();
        // Ownership first: only a number of this tenant can ever reach the 409 below, so it reveals nothing else.
        TenantNumbers.requireOwned(numbers.forChange(tenantId), "mobileNumber", mobile);
        if (EnrolledUser.count("tenantId = ?1 and email = ?2", tenantId, email) > 0) {
            throw ApiException.conflict(email + " is already enrolled in this tenant.");
        }
        if (EnrolledUser.count("mobileNumber", mobile) > 0) {
            throw ApiException.conflict(MOBILE_IN_USE);
        }
        EnrolledUser user = EnrolledUser.create(tenantId, email, mobile, displayName, Instant.now(clock));
        user.persist();
        flushUnique();
        outbox.user(user.message());
        audit.change(actor, "user.enrol", target(user), null);
        return EnrolmentApi.UserView.of(user);
    }

    @Transactional
    public EnrolmentApi.UserView get(String tenantId, String userId) {
        return EnrolmentApi.UserView.of(find(tenantId, userId, false));
    }

    @Transactional
    public EnrolmentApi.UserView patch(Actor actor, String tenantId, String userId, EnrolmentApi.PatchUser request) {
        if (request == null) {
            throw ApiException.malformed("Send the changes as a JSON object.");
        }
        Violations violations = new Violations();
        String email = request.email() == null ? null : EmailAddresses.requireValid(violations, "email", request.email());
        String mobile = request.mobileNumber() == null ? null
                : PhoneNumbers.require(violations, "mobileNumber", request.mobileNumber(), tenants.find(tenantId).country);
        String displayName = request.displayName() == null ? null
                : violations.optional("displayName", request.displayName(), 200);
        violations.throwIfAny();
        EnrolledUser user = find(tenantId, userId, true);
        boolean changed = false;
        if (email != null && !email.equals(user.email)) {
            if (EnrolledUser.count("tenantId = ?1 and email = ?2", tenantId, email) > 0) {
                throw ApiException.conflict(email + " is already enrolled in this tenant.");
            }
            user.changeEmail(email);
            changed = true;
        }
        if (mobile != null && !mobile.equals(user.mobileNumber)) {
            TenantNumbers.requireOwned(numbers.forChange(tenantId), "mobileNumber", mobile);
            if (EnrolledUser.count("mobileNumber", mobile) > 0) {
                throw ApiException.conflict(MOBILE_IN_USE);
            }
            user.mobileNumber = mobile;
            changed = true;
        }
        if (request.displayName() != null && !Objects.equals(displayName, user.displayName)) {
            user.displayName = displayName;
            changed = true;
        }
        if (changed) {
            user.changed(Instant.now(clock));
            flushUnique();
            outbox.user(user.message());
            audit.change(actor, "user.update", target(user), null);
        }
        return EnrolmentApi.UserView.of(user);
    }

    /** Un-enrols: the row goes, a tombstone goes out; the id is never given to anyone else. */
    @Transactional
    public void delete(Actor actor, String tenantId, String userId) {
        EnrolledUser user = find(tenantId, userId, true);
        user.delete();
        outbox.userRemoved(tenantId, user.id.toString());
        audit.change(actor, "user.unenrol", target(user), null);
    }

    /**
     * The tenant's user with this id. Anything else — a malformed id, no such user, or another tenant's user — is a
     * 404; the last is also audited as a denied request.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EnrolledUser find(String tenantId, String userId, boolean forUpdate) {
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("There is no user '" + userId + "' in tenant '" + tenantId + "'.");
        }
        EnrolledUser user = forUpdate ? EnrolledUser.findById(id, LockModeType.PESSIMISTIC_WRITE) : EnrolledUser.findById(id);
        if (user == null) {
            throw ApiException.notFound("There is no user '" + userId + "' in tenant '" + tenantId + "'.");
        }
        if (!user.tenantId.equals(tenantId)) {
            throw ApiException.notFoundForCaller("There is no user '" + userId + "' in tenant '" + tenantId + "'.");
        }
        return user;
    }

    static String target(EnrolledUser user) {
        return "user:" + user.tenantId + "/" + user.id;
    }

    /** Turns a lost race on the unique constraints into the same 409 the pre-checks give. */
    private void flushUnique() {
        try {
            entityManager.flush();
        } catch (PersistenceException e) {
            if (e.getCause() instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                String constraint = violation.getConstraintName();
                if (constraint.contains("mobile")) {
                    throw ApiException.conflict(MOBILE_IN_USE);
                }
                if (constraint.contains("email")) {
                    throw ApiException.conflict("This e-mail address is already enrolled in this tenant.");
                }
            }
            throw e;
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Announces every enrolled user again when the broker has lost calroute.users.v1. */
    void republish(@Observes TopicsLost lost) {
        if (!lost.includes(Topics.USERS)) {
            return;
        }
        long queued = outbox.republish(Topics.USERS,
                (UUID after, Integer size) -> (after == null ? EnrolledUser.<EnrolledUser>findAll(Sort.by("id"))
                        : EnrolledUser.<EnrolledUser>find("id > ?1", Sort.by("id"), after)).page(0, size).list(),
                user -> user.id, user -> Topics.userKey(user.tenantId, user.id.toString()),
                user -> outbox.user(user.message()));
        if (queued > 0) {
            LOG.warnf("%s held no record: the broker lost it; the current settings of %d enrolled user(s) are queued"
                    + " again", Topics.USERS, queued);
        }
    }
}
