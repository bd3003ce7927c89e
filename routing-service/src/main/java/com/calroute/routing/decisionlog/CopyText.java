package com.calroute.routing.decisionlog;

import java.time.Instant;

/**
 * Rows in PostgreSQL's {@code COPY} text format: columns separated by tabs, {@code \N} for null, and a backslash
 * before the characters the format gives a meaning to. Tenants name their own Outlook categories, so a value may hold
 * any of them; unescaped, one tab would shift every later column of the row.
 */
final class CopyText {

    private CopyText() {
    }

    /** Appends one row of {@code values} (strings, instants, booleans or null) and its line end to {@code out}. */
    static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else if (value instanceof Instant t) {
                // ISO-8601 with its zone letter: timestamptz reads it as the same instant whatever the session's zone.
                out.append(t);
            } else {
                escaped(out, value.toString());
            }
        }
        out.append('\n');
    }

    private static void escaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
