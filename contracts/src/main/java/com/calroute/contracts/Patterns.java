package com.calroute.contracts;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value patterns of the contract schemas, read from {@code common.defs.json} itself so the services' checks and
 * the schemas cannot drift apart; and the one reading of phone numbers as people type them into E.164
 * ({@link #toE164}), beside the pattern it must satisfy.
 */
public final class Patterns {

    /** An E.164 number as the contract writes it, e.g. {@code +4791234567} ({@code $defs.e164}). */
    public static final Pattern E164 = Pattern.compile(definition("e164"));
    /** A tenant id, e.g. {@code acme-as} ({@code $defs.tenantId}). */
    public static final Pattern TENANT_ID = Pattern.compile(definition("tenantId"));

    private Patterns() {
    }

    /**
     * True when {@code value} is an E.164 number the contract accepts: {@code +}, a digit 1–9 and 6 to 14 more ASCII
     * digits — the schema's {@code ^\+[1-9]\d{6,14}$}, spelled out because every route lookup checks one or two
     * numbers and a regex match costs ten times as much (PatternsTest holds both to the same answers).
     */
    public static boolean isE164(String value) {
        if (value == null || value.length() < 8 || value.length() > 16 || value.charAt(0) != '+') {
            return false;
        }
        if (value.charAt(1) < '1' || value.charAt(1) > '9') {
            return false;
        }
        for (int i = 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The country a tenant has unless the operator names another (ISO 3166-1 alpha-2). */
    public static final String DEFAULT_COUNTRY = "NO";

    /**
     * The national numbering plans Calroute reads national input for: calling code, trunk prefix dialled before a
     * national number ("" when there is none) and the national number's lengths. Other countries accept E.164 only.
     */
    private record NationalPlan(String callingCode, String trunkPrefix, int minDigits, int maxDigits) {
    }

    private static final Map<String, NationalPlan> NATIONAL_PLANS = Map.of(
            "NO", new NationalPlan("47", "", 8, 8),
            "DK", new NationalPlan("45", "", 8, 8),
            "SE", new NationalPlan("46", "0", 7, 9),
            "FI", new NationalPlan("358", "0", 5, 10),
            "IS", new NationalPlan("354", "", 7, 7));

    /** Separators people type inside a phone number: spaces (also non-breaking), hyphens, dots, slashes, brackets. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\u00A0\u202F\\-./()]");

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /** True when {@code country} is an upper-case ISO 3166-1 alpha-2 code. */
    public static boolean isCountry(String country) {
        return country != null && ISO_COUNTRIES.contains(country);
    }

    /** True when national input (without country code) is understood for {@code country}. */
    public static boolean readsNationalNumbers(String country) {
        return country != null && NATIONAL_PLANS.containsKey(country);
    }

    /**
     * A phone number as people type it, in E.164: {@code +4791234567} from {@code 91234567}, {@code 912 34 567},
     * {@code 912-34-567}, {@code 0047 91234567} or {@code +47 912 34 567} for Norway ({@code country} "NO"). Input
     * with {@code +} or {@code 00} is international whatever the country; anything else is a national number of
     * {@code country} (its trunk prefix, e.g. Sweden's 0, dropped). Empty when it is neither.
     */
    public static Optional<String> toE164(String input, String country) {
        if (input == null) {
            return Optional.empty();
        }
        String compact = SEPARATORS.matcher(input.strip()).replaceAll("");
        String candidate;
        if (compact.startsWith("+")) {
            candidate = compact;
        } else if (compact.startsWith("00")) {
            candidate = "+" + compact.substring(2);
        } else {
            NationalPlan plan = country == null ? null : NATIONAL_PLANS.get(country);
            if (plan == null || !compact.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            String national = !plan.trunkPrefix().isEmpty() && compact.startsWith(plan.trunkPrefix())
                    ? compact.substring(plan.trunkPrefix().length()) : compact;
            if (national.length() < plan.minDigits() || national.length() > plan.maxDigits()) {
                return Optional.empty();
            }
            candidate = "+" + plan.callingCode() + national;
        }
        return isE164(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** True when {@code value} is a tenant id the contract accepts. */
    public static boolean isTenantId(String value) {
        return value != null && TENANT_ID.matcher(value).matches();
    }

    /**
     * The {@code pattern} of {@code $defs.<name>}. Contracts carry no JSON library at run time, and the definitions
     * are one flat object each, so a regular expression finds the string and JSON's escapes are undone by hand.
     */
    static String definition(String name) {
        String defs = GoldenSamples.read("calroute/schemas/common.defs.json");
        Matcher m = Pattern.compile("\"" + Pattern.quote(name)
                + "\"\\s*:\\s*\\{[^{}]*?\"pattern\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(defs);
        if (!m.find()) {
            throw new IllegalStateException("common.defs.json has no pattern for $defs." + name);
        }
        return unescape(m.group(1));
    }

    private static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
