package com.calroute.contracts.tenants;

import com.calroute.contracts.BusyType;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * What a tenant's subject codes and Outlook categories mean, as the tenant-admin defined them and as
 * {@code calroute.tenants.v1} carries them to calendar-sync (which looks for them) and routing (which applies them).
 * A subject code is matched at the very start of an appointment's subject followed by {@code :} (the item diverts
 * calls as its busy type says) or {@code ;} (the status is shown, calls ring as if the item were not there) — the
 * Nordic switchboard convention ({@code MØT:}, {@code FER;}). A category is matched by its whole name (case-insensitive,
 * like Outlook) and diverts or only shows as {@code diverts} says. Either way the item's state is {@code busyType},
 * whatever its own free/busy status. Null or absent on a tenants.v1 value means none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ItemCodes(List<SubjectCode> codes, List<CategoryRule> categories) {

    /** The most subject codes a tenant may define. */
    public static final int MAX_CODES = 50;
    /** The most categories a tenant may define. */
    public static final int MAX_CATEGORIES = 50;
    /** The longest subject code, in characters (Nordic codes are three letters). */
    public static final int MAX_CODE_LENGTH = 10;
    /** The longest category name, in characters (Outlook's own limit). */
    public static final int MAX_CATEGORY_LENGTH = 255;
    /** The busy types a code or category may mean: those that can claim an employee's time. */
    public static final List<BusyType> ALLOWED_BUSY_TYPES = BusyType.ROUTABLE;
    /** The mark after a subject code that diverts calls. */
    public static final String DIVERT_MARK = ":";
    /** The mark after a subject code that only shows the status. */
    public static final String SHOW_ONLY_MARK = ";";

    /** No codes and no categories. */
    public static final ItemCodes NONE = new ItemCodes(List.of(), List.of());

    /** Null lists read as empty. */
    public ItemCodes {
        codes = codes == null ? List.of() : List.copyOf(codes);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** Whether nothing is defined. */
    @JsonIgnore
    public boolean isEmpty() {
        return codes.isEmpty() && categories.isEmpty();
    }

    /** A subject code ({@code MØT}) and the busy type an item starting with it has. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubjectCode(String code, BusyType busyType) {
    }

    /** An Outlook category name, the busy type an item tagged with it has, and whether it diverts calls. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CategoryRule(String name, BusyType busyType, boolean diverts) {
    }
}
