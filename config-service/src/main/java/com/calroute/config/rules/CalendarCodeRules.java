package com.calroute.config.rules;

import com.calroute.contracts.problem.FieldErrorCodes;
import com.calroute.contracts.tenants.ItemCodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's subject codes and Outlook categories as the tenant-admin sends them: every code letters and digits only
 * (so {@code MØT} in {@code "MØT: Budsjett"} cannot be confused with its mark), every category name a plain text of at
 * most {@value ItemCodes#MAX_CATEGORY_LENGTH} characters, none twice (case-insensitive, as matching is), at most
 * {@value ItemCodes#MAX_CODES} of each, each meaning a busy type that claims time ({@code FREE} means nothing).
 * Every offending field is named at once; nothing is stored when any is.
 */
public final class CalendarCodeRules {

    private static final Pattern CODE = Pattern.compile("^[\\p{L}\\p{N}]+$");
    /** The busy types a code or category may mean: those that claim time, as the contract's {@code BusyType.ROUTABLE}. */
    public static final List<String> ALLOWED_BUSY_TYPES = StatusSettingsRules.ROUTABLE_BUSY_TYPES;
    private static final String ALLOWED = String.join(",", ALLOWED_BUSY_TYPES);

    private CalendarCodeRules() {
    }

    /** One code as sent: {@code busyType} as text so an unknown value is named, not a malformed body. */
    public record CodeInput(String code, String busyType) {
    }

    /** One category as sent; {@code diverts} left out means true. */
    public record CategoryInput(String name, String busyType, Boolean diverts) {
    }

    /** The validated lists: trimmed, in the order given, every busy type one of {@link #ALLOWED_BUSY_TYPES}. */
    public record Valid(List<CodeInput> codes, List<CategoryInput> categories) {
    }

    /** The validated, trimmed list in the order given, or an {@link InvalidInputException} naming every fault. */
    public static Valid validate(List<CodeInput> codes, List<CategoryInput> categories) {
        Violations violations = new Violations();
        List<CodeInput> validCodes = new ArrayList<>();
        List<CategoryInput> validCategories = new ArrayList<>();
        if (codes != null) {
            tooMany(violations, "codes", codes.size(), ItemCodes.MAX_CODES);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < codes.size(); i++) {
                String field = "codes[" + i + "]";
                CodeInput input = codes.get(i);
                if (input == null) {
                    violations.add(field, FieldErrorCodes.REQUIRED, "is required");
                    continue;
                }
                String code = violations.required(field + ".code", input.code(), ItemCodes.MAX_CODE_LENGTH);
                if (code != null && !CODE.matcher(code).matches()) {
                    violations.add(field + ".code", FieldErrorCodes.INVALID_SUBJECT_CODE,
                            "must be letters and digits only, such as MØT (the ':' or ';' after it is typed in Outlook)");
                    code = null;
                }
                if (code != null && !seen.add(code.toUpperCase(Locale.ROOT))) {
                    violations.add(field + ".code", FieldErrorCodes.DUPLICATE, "is listed twice");
                    code = null;
                }
                String busyType = busyType(violations, field + ".busyType", input.busyType());
                if (code != null && busyType != null) {
                    validCodes.add(new CodeInput(code, busyType));
                }
            }
        }
        if (categories != null) {
            tooMany(violations, "categories", categories.size(), ItemCodes.MAX_CATEGORIES);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < categories.size(); i++) {
                String field = "categories[" + i + "]";
                CategoryInput input = categories.get(i);
                if (input == null) {
                    violations.add(field, FieldErrorCodes.REQUIRED, "is required");
                    continue;
                }
                String name = violations.required(field + ".name", input.name(), ItemCodes.MAX_CATEGORY_LENGTH);
                if (name != null && name.chars().anyMatch(Character::isISOControl)) {
                    violations.add(field + ".name", FieldErrorCodes.CONTROL_CHARACTERS, "must not contain control characters");
                    name = null;
                }
                if (name != null && !seen.add(name.toUpperCase(Locale.ROOT))) {
                    violations.add(field + ".name", FieldErrorCodes.DUPLICATE, "is listed twice");
                    name = null;
                }
                String busyType = busyType(violations, field + ".busyType", input.busyType());
                if (name != null && busyType != null) {
                    validCategories.add(new CategoryInput(name, busyType, !Boolean.FALSE.equals(input.diverts())));
                }
            }
        }
        violations.throwIfAny();
        return new Valid(List.copyOf(validCodes), List.copyOf(validCategories));
    }

    private static void tooMany(Violations violations, String field, int size, int max) {
        if (size > max) {
            violations.add(field, FieldErrorCodes.TOO_MANY, Map.of("max", String.valueOf(max)),
                    "may list at most " + max);
        }
    }

    private static String busyType(Violations violations, String field, String text) {
        if (text == null || text.isBlank()) {
            violations.add(field, FieldErrorCodes.REQUIRED, "is required: one of " + ALLOWED);
            return null;
        }
        if (ALLOWED_BUSY_TYPES.contains(text)) {
            return text;
        }
        violations.add(field, FieldErrorCodes.NOT_ALLOWED_VALUE, Map.of("allowed", ALLOWED), "must be one of " + ALLOWED);
        return null;
    }
}
