package com.calroute.sync.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant's subject codes and Outlook category names, and how an item is matched against them. The subject and
 * the categories are Exchange's, so hostile: only the first characters of a subject are looked at, and only so many
 * categories of bounded length; what comes out is the tenant's own spelling of the code or name matched, never a
 * character of the subject. A code matches at the start of the subject (after blanks), case-insensitive, followed
 * at once by {@code :} (divert) or {@code ;} (show only): {@code "MØT: Budsjett"}, {@code "møt;"}. A category
 * matches by its whole name, case-insensitive, as Outlook compares them; the first of the item's categories the
 * tenant defines wins.
 */
public final class CodeBook {

    /** No codes, no categories: subjects and categories are not even asked for on their account. */
    public static final CodeBook NONE = new CodeBook(List.of(), List.of());

    /** Leading blanks a subject may have before its code. */
    static final int MAX_LEADING_BLANKS = 8;
    /** The longest code looked for; longer ones are never matched. */
    static final int MAX_CODE_LENGTH = 10;
    /** How many of an item's categories are looked at; Outlook users rarely tag an item with more than a few. */
    public static final int MAX_CATEGORIES_READ = 32;
    /** The longest category name looked at (Outlook's limit); longer ones are skipped. */
    static final int MAX_CATEGORY_LENGTH = 255;

    private final Map<String, String> codes = new HashMap<>();
    private final Map<String, String> categories = new HashMap<>();
    private final String fingerprint;

    /** A book of these codes and category names, by the tenant's spelling; blank and over-long entries are dropped. */
    public CodeBook(Collection<String> codes, Collection<String> categories) {
        List<String> kept = new ArrayList<>();
        for (String code : codes) {
            if (code != null && !code.isBlank() && code.length() <= MAX_CODE_LENGTH) {
                this.codes.putIfAbsent(fold(code), code);
                kept.add("c:" + code);
            }
        }
        for (String category : categories) {
            if (category != null && !category.isBlank() && category.length() <= MAX_CATEGORY_LENGTH) {
                this.categories.putIfAbsent(fold(category), category);
                kept.add("k:" + category);
            }
        }
        fingerprint = kept.isEmpty() ? "" : digest(String.join("\n", kept));
    }

    /** Whether subjects must be read to find codes in them. */
    public boolean needsSubjects() {
        return !codes.isEmpty();
    }

    /** Whether categories must be read. */
    public boolean needsCategories() {
        return !categories.isEmpty();
    }

    /** A digest of the book's content (empty for none): state built with another book must be built again. */
    public String fingerprint() {
        return fingerprint;
    }

    /** What of the book an item with this subject and these categories matches; {@link Match#NONE} when nothing. */
    public Match match(String subject, List<String> itemCategories) {
        String code = null;
        String mark = null;
        if (subject != null && !codes.isEmpty()) {
            int start = 0;
            while (start < subject.length() && start < MAX_LEADING_BLANKS && Character.isWhitespace(subject.charAt(start))) {
                start++;
            }
            int limit = Math.min(subject.length(), start + MAX_CODE_LENGTH + 1);
            for (int i = start + 1; i < limit; i++) {
                char c = subject.charAt(i);
                if (c == ':' || c == ';') {
                    code = codes.get(fold(subject.substring(start, i)));
                    mark = code == null ? null : String.valueOf(c);
                    break;
                }
            }
        }
        String category = null;
        if (itemCategories != null && !categories.isEmpty()) {
            int read = 0;
            for (String name : itemCategories) {
                if (read++ >= MAX_CATEGORIES_READ) {
                    break;
                }
                if (name != null && name.length() <= MAX_CATEGORY_LENGTH) {
                    category = categories.get(fold(name.strip()));
                    if (category != null) {
                        break;
                    }
                }
            }
        }
        return code == null && category == null ? Match.NONE : new Match(code, mark, category);
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String fold(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * The tenant's code the subject starts with and the mark after it ({@code :} or {@code ;}), and the tenant's
     * category the item is tagged with; each null when none.
     */
    public record Match(String code, String mark, String category) {
        /** Nothing matched. */
        public static final Match NONE = new Match(null, null, null);
    }
}
