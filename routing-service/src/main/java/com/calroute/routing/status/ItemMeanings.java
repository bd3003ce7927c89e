package com.calroute.routing.status;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the tenant's subject codes and Outlook categories mean: the busy type an item carrying one has, and whether it
 * diverts calls or only shows the status. Sync names the code (with the mark typed after it) or category an item
 * matched; the meaning is applied here, so a changed meaning takes effect without reading any calendar again.
 *
 * <p>Rules (the Nordic switchboard convention): a subject code followed by {@code :} diverts, by {@code ;} only shows;
 * a category diverts or only shows as the tenant-admin chose. The code beats the category (it was typed on this very
 * item), and either beats the item's own free/busy status — {@code MØT:} on an item shown as free makes it a
 * meeting. A code or category the tenant no longer defines means nothing: the item counts as Exchange shows it.
 */
public final class ItemMeanings {

    /** No codes and no categories. */
    public static final ItemMeanings NONE = new ItemMeanings(Map.of(), Map.of());

    /**
     * What an item carrying a code or category is: its busy type, whether it diverts calls, and whether its subject
     * code (else its category) said so.
     */
    public record Meaning(FreeBusy busyType, boolean diverts, boolean byCode) {
    }

    /** A category's meaning, as the tenant-admin defines it. */
    public static Meaning category(FreeBusy busyType, boolean diverts) {
        return new Meaning(busyType, diverts, false);
    }

    private final Map<String, FreeBusy> codes;
    private final Map<String, Meaning> categories;

    /** Codes to the busy type they mean; category names to their meaning. Matched case-insensitively. */
    public ItemMeanings(Map<String, FreeBusy> codes, Map<String, Meaning> categories) {
        Map<String, FreeBusy> foldedCodes = new HashMap<>();
        codes.forEach((code, type) -> foldedCodes.putIfAbsent(fold(code), type));
        Map<String, Meaning> foldedCategories = new HashMap<>();
        categories.forEach((name, meaning) -> foldedCategories.putIfAbsent(fold(name), meaning));
        this.codes = Map.copyOf(foldedCodes);
        this.categories = Map.copyOf(foldedCategories);
    }

    /** What the item's code, else its category, means; null when neither is defined (or the item has none). */
    public Meaning of(Appointment item) {
        if (item.subjectCode() != null) {
            FreeBusy type = codes.get(fold(item.subjectCode()));
            if (type != null) {
                return new Meaning(type, !";".equals(item.subjectCodeMark()), true);
            }
        }
        if (item.category() != null) {
            return categories.get(fold(item.category()));
        }
        return null;
    }

    /** Whether nothing is defined. */
    public boolean isEmpty() {
        return codes.isEmpty() && categories.isEmpty();
    }

    private static String fold(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
