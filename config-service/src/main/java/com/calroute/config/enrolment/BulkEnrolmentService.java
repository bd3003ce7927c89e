package com.calroute.config.enrolment;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.enrolment.csv.EnrolmentCsv;
import com.calroute.config.outbox.Outbox;
import com.calroute.config.rules.EmailAddresses;
import com.calroute.config.rules.FieldViolation;
import com.calroute.config.rules.NumberRanges;
import com.calroute.config.rules.PhoneNumbers;
import com.calroute.config.rules.Violations;
import com.calroute.config.tenant.TenantNumbers;
import com.calroute.config.tenant.TenantService;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Enrols many users at once with a report per row: created, duplicate (e-mail or mobile number already enrolled in
 * this tenant, including earlier rows of the same upload) or invalid (and why; a number that is not the tenant's). Valid rows are enrolled in one
 * transaction, each announced on users.v1 through the outbox.
 */
@ApplicationScoped
public class BulkEnrolmentService {

    /** Most rows one upload may hold. */
    public static final int MAX_ROWS = 10_000;

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
    public EnrolmentApi.BulkReport enrol(Actor actor, String tenantId, List<EnrolmentCsv.Row> rows) {
        if (rows.size() > MAX_ROWS) {
            throw ApiException.tooLarge("A bulk enrolment may hold at most " + MAX_ROWS + " rows; this one has "
                    + rows.size() + ". Split it into several uploads.");
        }
        String country = tenants.lock(tenantId).country;
        NumberRanges own = numbers.of(tenantId);
        List<Checked> checked = rows.stream().map(row -> check(row, country)).map(row -> owned(row, own)).toList();
        Set<String> takenEmails = existing("select email from enrolled_user where tenant_id = :tenant and email in (:values)",
                tenantId, checked.stream().map(Checked::email));
        // Only the tenant's own numbers get this far, and a number belongs to one tenant: any hit is this tenant's.
        Set<String> takenMobiles = existing("select mobile_number from enrolled_user where mobile_number in (:values)",
                null, checked.stream().map(Checked::mobile));
        Instant now = Instant.now(clock);
        List<EnrolmentApi.RowResult> results = new ArrayList<>(rows.size());
        int created = 0;
        int duplicates = 0;
        int invalid = 0;
        for (Checked row : checked) {
            if (row.problem() != null) {
                invalid++;
                results.add(new EnrolmentApi.RowResult(row.number(), row.rawEmail(), EnrolmentApi.RowStatus.INVALID, null,
                        row.problem(), row.errors()));
            } else if (takenEmails.contains(row.email())) {
                duplicates++;
                results.add(new EnrolmentApi.RowResult(row.number(), row.email(), EnrolmentApi.RowStatus.DUPLICATE, null,
                        "this e-mail address is already enrolled in this tenant", List.of(new Problem.FieldError("email",
                        FieldErrorCodes.DUPLICATE, "is already enrolled in this tenant"))));
            } else if (takenMobiles.contains(row.mobile())) {
                duplicates++;
                results.add(new EnrolmentApi.RowResult(row.number(), row.email(), EnrolmentApi.RowStatus.DUPLICATE, null,
                        "this mobile number is already enrolled in Calroute", List.of(new Problem.FieldError(
                        "mobileNumber", FieldErrorCodes.DUPLICATE, "is already enrolled in Calroute"))));
            } else {
                EnrolledUser user = EnrolledUser.create(tenantId, row.email(), row.mobile(), row.displayName(), now);
                user.persist();
                outbox.user(user.message());
                takenEmails.add(row.email());
                takenMobiles.add(row.mobile());
                created++;
                results.add(new EnrolmentApi.RowResult(row.number(), row.email(), EnrolmentApi.RowStatus.CREATED,
                        user.id.toString(), null, List.of()));
            }
        }
        audit.change(actor, "user.enrol-bulk", "tenant:" + tenantId, created + " created, " + duplicates
                + " duplicate, " + invalid + " invalid");
        return new EnrolmentApi.BulkReport(created, duplicates, invalid, results);
    }

    private Set<String> existing(String sql, String tenantId, Stream<String> values) {
        List<String> candidates = values.filter(v -> v != null).distinct().toList();
        Set<String> found = new HashSet<>();
        for (int from = 0; from < candidates.size(); from += 1000) {
            List<String> chunk = candidates.subList(from, Math.min(candidates.size(), from + 1000));
            var query = entityManager.createNativeQuery(sql, String.class).setParameter("values", chunk);
            if (tenantId != null) {
                query.setParameter("tenant", tenantId);
            }
            @SuppressWarnings("unchecked")
            List<String> hits = query.getResultList();
            found.addAll(hits);
        }
        return found;
    }

    /** A valid row whose number is not the tenant's is invalid, with the same reason whoever holds the number. */
    private static Checked owned(Checked row, NumberRanges own) {
        if (row.problem() != null || own.contains(row.mobile())) {
            return row;
        }
        return new Checked(row.number(), row.rawEmail(), null, null, null, "mobileNumber " + TenantNumbers.NUMBER_NOT_OWNED,
                List.of(new Problem.FieldError("mobileNumber", FieldErrorCodes.PHONE_NOT_IN_TENANT_NUMBERS,
                        TenantNumbers.NUMBER_NOT_OWNED)));
    }

    private static Checked check(EnrolmentCsv.Row row, String country) {
        if (row.problem() != null) {
            return new Checked(row.number(), row.email(), null, null, null, "this row " + row.problem(),
                    List.of(new Problem.FieldError("row", FieldErrorCodes.INVALID_ROW, row.problem())));
        }
        Violations violations = new Violations();
        String email = EmailAddresses.requireValid(violations, "email", row.email());
        String mobile = PhoneNumbers.require(violations, "mobileNumber", row.mobileNumber(), country);
        String displayName = violations.optional("displayName", row.displayName(), 200);
        if (!violations.isEmpty()) {
            String why = violations.list().stream().map(v -> v.field() + " " + v.message())
                    .collect(Collectors.joining("; "));
            return new Checked(row.number(), row.email(), null, null, null, why, violations.list().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.code(), v.message(), v.params())).toList());
        }
        return new Checked(row.number(), row.email(), email, mobile, displayName, null, List.of());
    }

    private record Checked(int number, String rawEmail, String email, String mobile, String displayName, String problem,
                           List<Problem.FieldError> errors) {
    }

    /** Turns one element of a bulk JSON array into a row, or a row with a problem when it is not a user object. */
    public static EnrolmentCsv.Row jsonRow(int number, JsonNode node) {
        if (node == null || !node.isObject()) {
            return new EnrolmentCsv.Row(number, null, null, null, "is not a JSON object");
        }
        List<FieldViolation> problems = new ArrayList<>();
        Set<String> known = Set.of("email", "mobileNumber", "displayName");
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(new FieldViolation(name, FieldErrorCodes.UNKNOWN_FIELD, "is not a known field"));
            }
        });
        String email = text(node, "email", problems);
        String mobile = text(node, "mobileNumber", problems);
        String displayName = text(node, "displayName", problems);
        if (!problems.isEmpty()) {
            return new EnrolmentCsv.Row(number, email, null, null, "has " + problems.stream()
                    .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        }
        return new EnrolmentCsv.Row(number, email, mobile, displayName, null);
    }

    private static String text(JsonNode node, String field, List<FieldViolation> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new FieldViolation(field, FieldErrorCodes.WRONG_TYPE, "must be text"));
            return null;
        }
        return value.asText();
    }
}
