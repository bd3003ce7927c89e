package com.calroute.config.tenant;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.rules.NumberRanges;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;
import com.calroute.contracts.problem.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The numbers each tenant holds, assigned by the operator. The database refuses a number for two tenants (an exclusion
 * constraint on the numeric ranges); this class turns that into answers: 409s that name the numbers for the operator,
 * and for a tenant admin the same {@link ApiException#numberNotOwned} whoever else holds a number, or nobody.
 */
@ApplicationScoped
public class TenantNumbers {

    private static final int NAMED_AT_MOST = 10;

    @Inject
    TenantService tenants;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager entityManager;

    @Transactional
    public TenantApi.Numbers get(String tenantId) {
        tenants.find(tenantId);
        return view(of(tenantId));
    }

    /** Replaces the tenant's numbers; refused while an enrolled user's number or the switchboard would fall outside. */
    @Transactional
    public TenantApi.Numbers put(Actor actor, String tenantId, TenantApi.Numbers request) {
        if (request == null) {
            throw ApiException.malformed("Send the numbers as {\"ranges\":[{\"from\":…,\"to\":…}]}.");
        }
        NumberRanges ranges = parse("ranges", request.ranges(), tenants.find(tenantId).country);
        Tenant tenant = tenants.lock(tenantId);
        replace(tenantId, ranges);
        List<String> problems = new ArrayList<>();
        if (!ranges.contains(tenant.switchboardNumber)) {
            problems.add("the switchboard number " + tenant.switchboardNumber);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> outside = entityManager.createNativeQuery("select u.email, u.mobile_number from enrolled_user u"
                        + " where u.tenant_id = ?1 and not exists (select 1 from tenant_number_range r where"
                        + " r.tenant_id = u.tenant_id and r.numbers @> cast(substr(u.mobile_number, 2) as bigint))"
                        + " order by u.email limit " + (NAMED_AT_MOST + 1))
                .setParameter(1, tenantId)
                .getResultList();
        outside.stream().limit(NAMED_AT_MOST).forEach(row -> problems.add(row[0] + " (" + row[1] + ")"));
        if (outside.size() > NAMED_AT_MOST) {
            problems.add("more enrolled users");
        }
        if (!problems.isEmpty()) {
            throw ApiException.conflict("These numbers would fall outside the tenant's numbers: "
                    + String.join(", ", problems) + ". Change the switchboard or the users' numbers first, or keep"
                    + " their numbers in the ranges.");
        }
        audit.change(actor, "tenant.numbers", "tenant:" + tenantId, ranges.ranges().size() + " range(s)");
        return view(ranges);
    }

    /** Validates requested ranges, naming bad ones as {@code <field>[i]...}. */
    static NumberRanges parse(String field, List<TenantApi.NumberRange> requested, String country) {
        return NumberRanges.parse(field, requested == null ? null : requested.stream()
                .map(r -> r == null ? null : new NumberRanges.Range(r.from(), r.to()))
                .toList(), country);
    }

    /** The tenant's numbers as stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public NumberRanges of(String tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select first_number, last_number from tenant_number_range"
                        + " where tenant_id = ?1")
                .setParameter(1, tenantId)
                .getResultList();
        return NumberRanges.of(rows.stream().map(r -> new NumberRanges.Range((String) r[0], (String) r[1])).toList());
    }

    /**
     * The tenant's numbers for a change that must stay inside them (enrolment, a new mobile number): the tenant row is
     * share-locked so that the operator cannot shrink the numbers until the change commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public NumberRanges forChange(String tenantId) {
        if (Tenant.findById(tenantId, LockModeType.PESSIMISTIC_READ) == null) {
            throw ApiException.notFound("There is no tenant '" + tenantId + "'.");
        }
        return of(tenantId);
    }

    /** What a refused number's field error says; also the reason of a refused bulk row. */
    public static final String NUMBER_NOT_OWNED = "is not one of your company's numbers; the operator assigns them";

    /**
     * Refuses a number outside the tenant's numbers with a 400. It reads the same whether another tenant holds the
     * number or nobody does, so it tells a tenant admin nothing about other customers.
     */
    public static void requireOwned(NumberRanges numbers, String field, String number) {
        if (!numbers.contains(number)) {
            throw new ApiException(400, ProblemTypes.NUMBER_NOT_OWNED, "Number not yours",
                    "This number is not one of your company's numbers.",
                    List.of(new Problem.FieldError(field, FieldErrorCodes.PHONE_NOT_IN_TENANT_NUMBERS,
                            NUMBER_NOT_OWNED)));
        }
    }

    /** Makes {@code ranges} the tenant's numbers; another tenant's numbers among them are a 409 naming them. */
    @Transactional(Transactional.TxType.MANDATORY)
    void replace(String tenantId, NumberRanges ranges) {
        List<String> taken = new ArrayList<>();
        for (NumberRanges.Range range : ranges.ranges()) {
            @SuppressWarnings("unchecked")
            List<Object[]> held = entityManager.createNativeQuery("select tenant_id, first_number, last_number"
                            + " from tenant_number_range where tenant_id <> ?1"
                            + " and numbers && int8range(?2, ?3, '[]') order by first_number")
                    .setParameter(1, tenantId)
                    .setParameter(2, range.low())
                    .setParameter(3, range.high())
                    .getResultList();
            held.forEach(row -> taken.add(new NumberRanges.Range((String) row[1], (String) row[2]) + " (tenant " + row[0] + ")"));
            if (taken.size() > NAMED_AT_MOST) {
                break;
            }
        }
        if (!taken.isEmpty()) {
            throw ApiException.conflict("Numbers can belong to only one tenant, and these already belong to another: "
                    + taken.stream().limit(NAMED_AT_MOST).collect(Collectors.joining(", ")) + ".");
        }
        entityManager.createNativeQuery("delete from tenant_number_range where tenant_id = ?1")
                .setParameter(1, tenantId).executeUpdate();
        try {
            for (NumberRanges.Range range : ranges.ranges()) {
                entityManager.createNativeQuery("insert into tenant_number_range (tenant_id, first_number, last_number)"
                                + " values (?1, ?2, ?3)")
                        .setParameter(1, tenantId)
                        .setParameter(2, range.from())
                        .setParameter(3, range.to())
                        .executeUpdate();
            }
        } catch (PersistenceException e) {
            // Another tenant was given some of these numbers after the look-up above: the database had the last word.
            // Hibernate hands the violation over itself or wrapped, depending on the call that hit it.
            Throwable cause = e instanceof ConstraintViolationException ? e : e.getCause();
            // 23P01 is PostgreSQL's exclusion_violation; Hibernate extracts no constraint name for it.
            if (cause instanceof ConstraintViolationException violation && "23P01".equals(violation.getSQLState())) {
                throw ApiException.conflict("Numbers can belong to only one tenant, and some of these were just given"
                        + " to another. Read the numbers again and retry.");
            }
            throw e;
        }
    }

    private static TenantApi.Numbers view(NumberRanges ranges) {
        return new TenantApi.Numbers(ranges.ranges().stream()
                .map(r -> new TenantApi.NumberRange(r.from(), r.to()))
                .toList());
    }
}
