package com.calroute.config.rules;

import com.calroute.contracts.problem.FieldErrorCodes;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses of mailboxes, deliberately stricter than RFC 5322: a dot-atom local part and a DNS domain with a
 * top-level label. Calroute compares them case-insensitively, so they are stored lower-case.
 */
public final class EmailAddresses {

    private static final Pattern LOCAL = Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$");
    private static final Pattern LABEL = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");
    private static final Pattern TOP_LABEL = Pattern.compile("^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$");

    private EmailAddresses() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.length() > 254) {
            return false;
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.indexOf('@') != at) {
            return false;
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return TOP_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    /** The canonical (lower-case) form used for storage and comparison. */
    public static String canonical(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** Validates a required e-mail field; returns its canonical form or null after recording a violation. */
    public static String requireValid(Violations violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(field, FieldErrorCodes.REQUIRED, "is required");
            return null;
        }
        String canonical = canonical(value);
        if (!isValid(canonical)) {
            violations.add(field, FieldErrorCodes.INVALID_EMAIL, "must be a valid e-mail address such as kari@acme.no");
            return null;
        }
        return canonical;
    }
}
