package com.calroute.ewssim.soap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming XML writer over a StringBuilder: every text and attribute value is escaped, elements are
 * closed in order, and an element without content is written self-closed. Faster than StAX for the short,
 * regular documents EWS answers with, which matters for the throughput benchmark.
 */
public final class XmlWriter {
    private final StringBuilder out;
    private final Deque<String> open = new ArrayDeque<>();
    private boolean tagOpen;

    public XmlWriter() {
        this(4096);
    }

    public XmlWriter(int capacity) {
        out = new StringBuilder(capacity);
    }

    public XmlWriter declaration() {
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        return this;
    }

    public XmlWriter start(String qualifiedName) {
        closeStartTag();
        out.append('<').append(qualifiedName);
        open.push(qualifiedName);
        tagOpen = true;
        return this;
    }

    public XmlWriter attr(String name, String value) {
        if (!tagOpen) {
            throw new IllegalStateException("attribute " + name + " outside a start tag");
        }
        if (value != null) {
            out.append(' ').append(name).append("=\"");
            escape(value, true);
            out.append('"');
        }
        return this;
    }

    public XmlWriter text(String value) {
        closeStartTag();
        if (value != null) {
            escape(value, false);
        }
        return this;
    }

    public XmlWriter end() {
        String name = open.pop();
        if (tagOpen) {
            out.append("/>");
            tagOpen = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** Writes {@code <name>value</name>}; nothing when value is null. */
    public XmlWriter element(String qualifiedName, String value) {
        if (value != null) {
            start(qualifiedName).text(value).end();
        }
        return this;
    }

    public XmlWriter element(String qualifiedName, boolean value) {
        return element(qualifiedName, Boolean.toString(value));
    }

    public XmlWriter element(String qualifiedName, long value) {
        return element(qualifiedName, Long.toString(value));
    }

    public XmlWriter element(String qualifiedName, Instant value) {
        return value == null ? this : element(qualifiedName, dateTime(value));
    }

    /** Inserts markup that the caller has built and escaped itself (used only for pre-rendered fragments). */
    public XmlWriter raw(String markup) {
        closeStartTag();
        out.append(markup);
        return this;
    }

    public int depth() {
        return open.size();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    public byte[] toBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** EWS's UTC date-time form, {@code 2026-12-01T09:00:00Z} (whole seconds, as Exchange writes them). */
    public static String dateTime(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private void closeStartTag() {
        if (tagOpen) {
            out.append('>');
            tagOpen = false;
        }
    }

    private void escape(String value, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#xD;");
                case '\n' -> out.append(attribute ? "&#xA;" : "\n");
                case '\t' -> out.append(attribute ? "&#x9;" : "\t");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        continue;
                    }
                    out.append(c);
                }
            }
        }
    }
}
