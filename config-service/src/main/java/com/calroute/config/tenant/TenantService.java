package com.calroute.config.tenant;

import com.calroute.config.CalrouteConfig;
import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.outbox.Outbox;
import com.calroute.config.outbox.TopicsLost;
import com.calroute.config.rules.InvalidInputException;
import com.calroute.config.rules.NumberRanges;
import com.calroute.config.rules.PageRequest;
import com.calroute.config.rules.PhoneNumbers;
import com.calroute.config.rules.TenantRules;
import com.calroute.config.rules.Violations;
import com.calroute.contracts.Patterns;
import com.calroute.contracts.Topics;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.ProblemTypes;
import com.calroute.contracts.tenants.ConnectionKind;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Creates, changes and erases tenants; every change is announced on calroute.tenants.v1 through the outbox. */
@ApplicationScoped
public class TenantService {

    private static final Logger LOG = Logger.getLogger(TenantService.class);

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    @Inject
    TenantNumbers numbers;

    @Inject
    CalrouteConfig config;

    @Transactional
    public TenantApi.TenantView create(Actor actor, TenantApi.CreateTenant request) {
        if (request == null) {
            throw ApiException.malformed("Send the tenant as a JSON object.");
        }
        Violations violations = new Violations();
        if (request.id() == null || request.id().isBlank()) {
            violations.add("id", FieldErrorCodes.REQUIRED, "is required");
        } else if (!TenantRules.isSlug(request.id())) {
            violations.add("id", FieldErrorCodes.INVALID_TENANT_ID, "must be 2-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        String name = violations.required("name", request.name(), 200);
        String country = request.country() == null ? Patterns.DEFAULT_COUNTRY : country(violations, request.country());
        String switchboard = PhoneNumbers.require(violations, "switchboardNumber", request.switchboardNumber(), country);
        String timeZone = request.timeZone() == null ? TenantRules.DEFAULT_TIME_ZONE : request.timeZone();
        if (!TenantRules.isIanaZone(timeZone)) {
            violations.add("timeZone", FieldErrorCodes.INVALID_TIME_ZONE, "must be an IANA time zone such as Europe/Oslo");
        }
        NumberRanges ranges = null;
        if (request.numbers() != null) {
            try {
                ranges = TenantNumbers.parse("numbers.ranges", request.numbers().ranges(), country);
            } catch (InvalidInputException e) {
                e.violations().forEach(violations::add);
            }
        }
        violations.throwIfAny();
        if (ranges == null) {
            ranges = NumberRanges.of(List.of()).with(switchboard);
        }
        TenantNumbers.requireOwned(ranges, "switchboardNumber", switchboard);
        if (Tenant.findById(request.id()) != null) {
            throw ApiException.conflict("A tenant with id '" + request.id() + "' already exists.");
        }
        if (entityManager.find(RetiredTenantId.class, request.id()) != null) {
            throw new ApiException(409, ProblemTypes.TENANT_ID_RETIRED, "Tenant id retired",
                    "The id '" + request.id() + "' belonged to a deleted tenant and is never given out again, so that"
                            + " nobody who administered that tenant reaches the new one. Choose another id.");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Tenant tenant = new Tenant();
        tenant.id = request.id();
        tenant.name = name;
        tenant.switchboardNumber = switchboard;
        tenant.timeZone = timeZone;
        tenant.country = country;
        tenant.subjectSharing = Boolean.TRUE.equals(request.subjectSharing());
        tenant.forwardInternational = Boolean.TRUE.equals(request.forwardInternational());
        tenant.version = 1;
        tenant.createdAt = now;
        tenant.updatedAt = now;
        tenant.persist();
        entityManager.flush();
        numbers.replace(tenant.id, ranges);
        outbox.tenant(tenant.message(config.numbers().countryCode()));
        audit.change(actor, "tenant.create", "tenant:" + tenant.id, null);
        return TenantApi.TenantView.of(tenant);
    }

    @Transactional
    public TenantApi.TenantView get(String tenantId) {
        return TenantApi.TenantView.of(find(tenantId));
    }

    @Transactional
    public TenantApi.TenantPage list(PageRequest page) {
        var query = Tenant.<Tenant>findAll(Sort.by("id")).page(Page.of(page.page(), page.size()));
        return new TenantApi.TenantPage(query.list().stream().map(TenantApi.TenantView::of).toList(),
                page.page(), page.size(), query.count());
    }

    /**
     * Changes a tenant. A tenant admin ({@code onlyAdminFields}) may change only time zone and subject sharing.
     */
    @Transactional
    public TenantApi.TenantView patch(Actor actor, String tenantId, TenantApi.PatchTenant request, boolean onlyAdminFields) {
        if (request == null) {
            throw ApiException.malformed("Send the changes as a JSON object.");
        }
        if (onlyAdminFields && (request.name() != null || request.switchboardNumber() != null
                || request.forwardInternational() != null || request.country() != null)) {
            throw ApiException.forbidden("A tenant admin may change only timeZone and subjectSharing; ask the"
                    + " platform operator to change the name, switchboard number, country or forwarding abroad.");
        }
        Violations violations = new Violations();
        String name = request.name() == null ? null : violations.required("name", request.name(), 200);
        String country = request.country() == null ? find(tenantId).country : country(violations, request.country());
        String switchboard = request.switchboardNumber() == null ? null
                : PhoneNumbers.valid(violations, "switchboardNumber", request.switchboardNumber(), country);
        if (request.timeZone() != null && !TenantRules.isIanaZone(request.timeZone())) {
            violations.add("timeZone", FieldErrorCodes.INVALID_TIME_ZONE, "must be an IANA time zone such as Europe/Oslo");
        }
        violations.throwIfAny();
        Tenant tenant = lock(tenantId);
        boolean changed = false;
        if (name != null && !name.equals(tenant.name)) {
            tenant.name = name;
            changed = true;
        }
        if (switchboard != null && !switchboard.equals(tenant.switchboardNumber)) {
            TenantNumbers.requireOwned(numbers.of(tenantId), "switchboardNumber", switchboard);
            tenant.switchboardNumber = switchboard;
            changed = true;
        }
        if (country != null && !country.equals(tenant.country)) {
            tenant.country = country;
            changed = true;
        }
        if (request.timeZone() != null && !request.timeZone().equals(tenant.timeZone)) {
            tenant.timeZone = request.timeZone();
            changed = true;
        }
        if (request.subjectSharing() != null && request.subjectSharing() != tenant.subjectSharing) {
            tenant.subjectSharing = request.subjectSharing();
            changed = true;
        }
        if (request.forwardInternational() != null && request.forwardInternational() != tenant.forwardInternational) {
            tenant.forwardInternational = request.forwardInternational();
            changed = true;
        }
        if (changed) {
            announce(tenant);
            audit.change(actor, "tenant.update", "tenant:" + tenant.id, null);
        }
        return TenantApi.TenantView.of(tenant);
    }

    /**
     * Erases a tenant and everything of it: a tombstone for every user on users.v1, the users, the connection and its
     * secrets, then a tombstone on tenants.v1 — all in one transaction with the outbox records.
     */
    @Transactional
    public void delete(Actor actor, String tenantId) {
        Tenant tenant = lock(tenantId);
        @SuppressWarnings("unchecked")
        List<UUID> userIds = entityManager
                .createNativeQuery("select id from enrolled_user where tenant_id = ?1 order by created_at, id", UUID.class)
                .setParameter(1, tenantId)
                .getResultList();
        userIds.forEach(userId -> outbox.userRemoved(tenantId, userId.toString()));
        entityManager.createNativeQuery("delete from enrolled_user where tenant_id = ?1").setParameter(1, tenantId).executeUpdate();
        entityManager.createNativeQuery("delete from exchange_connection where tenant_id = ?1").setParameter(1, tenantId).executeUpdate();
        entityManager.createNativeQuery("delete from connection_test_attempt where tenant_id = ?1").setParameter(1, tenantId).executeUpdate();
        entityManager.createNativeQuery("delete from tenant_number_range where tenant_id = ?1").setParameter(1, tenantId).executeUpdate();
        entityManager.persist(new RetiredTenantId(tenantId, Instant.now(clock)));
        outbox.tenantRemoved(tenantId);
        tenant.delete();
        audit.change(actor, "tenant.delete", "tenant:" + tenantId, userIds.size() + " user(s) un-enrolled");
    }

    /** A requested country: an upper-case ISO 3166-1 alpha-2 code ({@code NO}); null after recording a violation. */
    private static String country(Violations violations, String requested) {
        if (!Patterns.isCountry(requested)) {
            violations.add("country", FieldErrorCodes.INVALID_COUNTRY, "must be an ISO 3166-1 alpha-2 country code"
                    + " in capitals, such as NO");
            return null;
        }
        return requested;
    }

    /** The tenant, locked for the rest of the transaction so its version rises one change at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tenant lock(String tenantId) {
        Tenant tenant = Tenant.findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            throw ApiException.notFound("There is no tenant '" + tenantId + "'.");
        }
        return tenant;
    }

    /** Records that the tenant's connection was saved: new connection version, new tenant version, announced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tenant connectionSaved(Tenant tenant, ConnectionKind kind) {
        tenant.connectionKind = kind;
        tenant.connectionVersion++;
        announce(tenant);
        return tenant;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Tenant find(String tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null) {
            throw ApiException.notFound("There is no tenant '" + tenantId + "'.");
        }
        return tenant;
    }

    /** Records a change of a locked tenant made elsewhere (its calendar codes): new version, announced. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Tenant tenant) {
        announce(tenant);
    }

    private void announce(Tenant tenant) {
        tenant.changed(Instant.now(clock));
        outbox.tenant(tenant.message(config.numbers().countryCode()));
    }

    /** Announces every tenant again when the broker has lost calroute.tenants.v1. */
    void republish(@Observes TopicsLost lost) {
        if (!lost.includes(Topics.TENANTS)) {
            return;
        }
        String countryCode = config.numbers().countryCode();
        long queued = outbox.republish(Topics.TENANTS,
                (String after, Integer size) -> (after == null ? Tenant.<Tenant>findAll(Sort.by("id"))
                        : Tenant.<Tenant>find("id > ?1", Sort.by("id"), after)).page(0, size).list(),
                tenant -> tenant.id, tenant -> tenant.id, tenant -> outbox.tenant(tenant.message(countryCode)));
        if (queued > 0) {
            LOG.warnf("%s held no record: the broker lost it; the current settings of %d tenant(s) are queued again",
                    Topics.TENANTS, queued);
        }
    }
}
