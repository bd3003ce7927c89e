package com.calroute.contracts.forwarding;

import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.List;

/**
 * Where an employee may forward calls: one rule for both places a forward is chosen, config-service's status
 * settings and routing-service's overrides, each applying the tenant's policy as tenants.v1 carries it. The national numbering plan is Norway's (Nkom's E.164 plan under +47): 8-digit
 * numbers, mobile 4/9, geographic 2/3/5/6/7, 800 freephone, 810/815 shared cost, 820/829 premium rate; 5-digit and
 * 12-digit (M2M) numbers are not forward targets. For another configured country Calroute knows no plan and counts
 * every national number as ordinary. Satellite, international premium-rate and shared-cost codes are never allowed.
 */
public final class ForwardTargets {

    private static final String NORWAY = "+47";
    private static final List<String> SATELLITE = List.of("+881", "+882", "+870");
    private static final List<String> INTERNATIONAL_PREMIUM_RATE = List.of("+979");
    private static final List<String> INTERNATIONAL_SHARED_COST = List.of("+808");

    private ForwardTargets() {
    }

    /** What kind of number a target is, seen from the national country code. */
    public enum Kind {
        MOBILE, GEOGRAPHIC, NATIONAL, FREEPHONE, SHARED_COST, PREMIUM_RATE, SATELLITE, OTHER, INTERNATIONAL
    }

    /**
     * A tenant's policy: its national country code ({@code +47}) and whether the operator lets its employees forward
     * abroad.
     */
    public record Policy(String countryCode, boolean international) {

        /** The operator default where a tenant's policy is not known (yet): Norwegian numbers, nothing abroad. */
        public static final Policy NATIONAL_ONLY = new Policy(NORWAY, false);
    }

    /** Classifies an E.164 number. */
    public static Kind classify(String e164, String countryCode) {
        if (startsWithAny(e164, SATELLITE)) {
            return Kind.SATELLITE;
        }
        if (startsWithAny(e164, INTERNATIONAL_PREMIUM_RATE)) {
            return Kind.PREMIUM_RATE;
        }
        if (startsWithAny(e164, INTERNATIONAL_SHARED_COST)) {
            return Kind.SHARED_COST;
        }
        if (!e164.startsWith(countryCode)) {
            return Kind.INTERNATIONAL;
        }
        if (!NORWAY.equals(countryCode)) {
            return Kind.NATIONAL;
        }
        String national = e164.substring(countryCode.length());
        if (national.length() != 8) {
            return Kind.OTHER;
        }
        return switch (national.charAt(0)) {
            case '4', '9' -> Kind.MOBILE;
            case '2', '3', '5', '6', '7' -> Kind.GEOGRAPHIC;
            case '8' -> switch (national.substring(0, 3)) {
                case "800" -> Kind.FREEPHONE;
                case "810", "815" -> Kind.SHARED_COST;
                case "820", "829" -> Kind.PREMIUM_RATE;
                default -> Kind.OTHER;
            };
            default -> Kind.OTHER;
        };
    }

    /** Why a forward target is refused: a stable code from {@code FieldErrorCodes} and the reason in plain words. */
    public record Refusal(String code, String message) {
    }

    /**
     * Why calls may not be forwarded to {@code target} by the user whose own number is {@code ownNumber}, in plain
     * words; null when they may.
     */
    public static String refusal(String target, String ownNumber, Policy policy) {
        Refusal refusal = check(target, ownNumber, policy);
        return refusal == null ? null : refusal.message();
    }

    /** Why calls may not be forwarded to {@code target}, with its code; null when they may. */
    public static Refusal check(String target, String ownNumber, Policy policy) {
        if (target.equals(ownNumber)) {
            return new Refusal(FieldErrorCodes.FORWARD_OWN_NUMBER,
                    "is your own number: calls forwarded to it would come straight back");
        }
        return switch (classify(target, policy.countryCode())) {
            case MOBILE, GEOGRAPHIC, NATIONAL -> null;
            case INTERNATIONAL -> policy.international() ? null : new Refusal(FieldErrorCodes.FORWARD_ABROAD,
                    "is a number abroad; your company does not allow forwarding calls abroad");
            case PREMIUM_RATE -> new Refusal(FieldErrorCodes.FORWARD_PREMIUM_RATE,
                    "is a premium-rate number; calls cannot be forwarded to it");
            case SHARED_COST -> new Refusal(FieldErrorCodes.FORWARD_SHARED_COST,
                    "is a shared-cost number; calls cannot be forwarded to it");
            case SATELLITE -> new Refusal(FieldErrorCodes.FORWARD_SATELLITE,
                    "is a satellite number; calls cannot be forwarded to it");
            case FREEPHONE -> new Refusal(FieldErrorCodes.FORWARD_FREEPHONE,
                    "is a freephone service number; forward to an ordinary mobile or landline number");
            case OTHER -> new Refusal(FieldErrorCodes.FORWARD_NOT_ORDINARY,
                    "is not an ordinary mobile or landline number; forward to one of those");
        };
    }

    private static boolean startsWithAny(String number, List<String> prefixes) {
        return prefixes.stream().anyMatch(number::startsWith);
    }
}
