package com.calroute.config.tenant;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.rules.CalendarCodeRules;
import com.calroute.contracts.BusyType;
import com.calroute.contracts.problem.ApiException;
import com.calroute.contracts.tenants.ItemCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * A tenant's subject codes and Outlook categories: read, and replaced whole. A change is announced on
 * calroute.tenants.v1 (as {@code itemCodes}) in the same transaction; a refused list stores and announces nothing.
 */
@ApplicationScoped
public class CalendarCodeService {

    @Inject
    TenantService tenants;

    @Inject
    AuditLog audit;

    /** The body of {@code GET|PUT /api/v1/tenants/{tenantId}/calendar-codes}. */
    public record CalendarCodes(List<CalendarCodeRules.CodeInput> codes, List<CalendarCodeRules.CategoryInput> categories) {

        static CalendarCodes of(ItemCodes codes) {
            return new CalendarCodes(
                    codes.codes().stream().map(c -> new CalendarCodeRules.CodeInput(c.code(), c.busyType().name())).toList(),
                    codes.categories().stream().map(c -> new CalendarCodeRules.CategoryInput(c.name(),
                            c.busyType().name(), c.diverts())).toList());
        }
    }

    @Transactional
    public CalendarCodes get(String tenantId) {
        return CalendarCodes.of(tenants.find(tenantId).itemCodes());
    }

    @Transactional
    public CalendarCodes put(Actor actor, String tenantId, CalendarCodes request) {
        if (request == null) {
            throw ApiException.malformed("Send {\"codes\": [{\"code\": \"MØT\", \"busyType\": \"BUSY\"}], "
                    + "\"categories\": [{\"name\": \"Ferie\", \"busyType\": \"OOF\", \"diverts\": true}]}.");
        }
        CalendarCodeRules.Valid valid = CalendarCodeRules.validate(request.codes(), request.categories());
        ItemCodes codes = new ItemCodes(
                valid.codes().stream().map(c -> new ItemCodes.SubjectCode(c.code(), BusyType.valueOf(c.busyType())))
                        .toList(),
                valid.categories().stream().map(c -> new ItemCodes.CategoryRule(c.name(),
                        BusyType.valueOf(c.busyType()), c.diverts())).toList());
        Tenant tenant = tenants.lock(tenantId);
        if (!codes.equals(tenant.itemCodes())) {
            tenant.itemCodes(codes);
            tenants.changed(tenant);
            audit.change(actor, "tenant.calendar-codes", "tenant:" + tenantId,
                    codes.codes().size() + " code(s), " + codes.categories().size() + " categor(ies)");
        }
        return CalendarCodes.of(tenant.itemCodes());
    }
}
