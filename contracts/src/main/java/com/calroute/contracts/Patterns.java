package com.calroute.contracts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value patterns of the contract schemas, read from {@code common.defs.json} itself so the services' checks and
 * the schemas cannot drift apart.
 */
public final class Patterns {

    /** An E.164 number as the contract writes it, e.g. {@code +4791234567} ({@code $defs.e164}). */
    public static final Pattern E164 = Pattern.compile(definition("e164"));
    /** A tenant id, e.g. {@code acme-as} ({@code $defs.tenantId}). */
    public static final Pattern TENANT_ID = Pattern.compile(definition("tenantId"));

    private Patterns() {
    }

    /** True when {@code value} is an E.164 number the contract accepts. */
    public static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
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
