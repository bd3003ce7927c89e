package com.calroute.config.tenant;

import com.calroute.config.CalrouteConfig;
import com.calroute.config.rules.Violations;
import com.calroute.contracts.forwarding.ForwardTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Map;

/** Applies the tenant's forward-target policy (set by the operator) to the FORWARD targets a user chooses. */
@ApplicationScoped
public class ForwardTargetPolicy {

    @Inject
    CalrouteConfig config;

    @Inject
    TenantService tenants;

    /**
     * Refuses every FORWARD target the policy does not allow, naming it as {@code <setting>.target}.
     *
     * @param targets the FORWARD target per setting (busy type or OUTSIDE_WORKING_HOURS; settings without one left out)
     * @throws com.calroute.config.rules.InvalidInputException naming each refused target
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(String tenantId, String ownNumber, Map<String, String> targets) {
        ForwardTargets.Policy policy = tenants.find(tenantId).policy(config.numbers().countryCode());
        Violations violations = new Violations();
        targets.forEach((busyType, target) -> {
            ForwardTargets.Refusal refusal = ForwardTargets.check(target, ownNumber, policy);
            if (refusal != null) {
                violations.add(busyType + ".target", refusal.code(), refusal.message());
            }
        });
        violations.throwIfAny();
    }
}
