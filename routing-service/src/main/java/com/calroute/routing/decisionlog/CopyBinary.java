package com.calroute.routing.decisionlog;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format: a signature, each row as its field count and every field as its
 * length and bytes ({@code -1} for null), and a trailer. Values are length-prefixed, so a tenant's category holding a
 * tab, a line break or a backslash needs no escaping, and PostgreSQL parses no text: a timestamp arrives as the
 * 8-byte count of microseconds it stores. Formatting the text format's timestamps and values was half of the
 * writer's work (a profile at 5,000 lookups/s), and parsing them a fifth of PostgreSQL's (its CPU per row, each
 * format).
 */
final class CopyBinary {

    /** The format's signature, flags (none) and header extension length (none). */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** PostgreSQL's epoch for timestamps, 2000-01-01T00:00:00Z, in Unix seconds. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

    private byte[] bytes;
    private int length;

    /** An empty copy with room for about {@code expectedBytes}, its header written. */
    CopyBinary(int expectedBytes) {
        bytes = new byte[Math.max(expectedBytes, 64)];
        put(HEADER, 0, HEADER.length);
    }

    /** Begins a row of {@code fields} values. */
    CopyBinary row(int fields) {
        putShort(fields);
        return this;
    }

    /** A text value (UTF-8, the encoding the driver sets for the session); null writes SQL NULL. */
    CopyBinary text(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        put(utf8, 0, utf8.length);
        return this;
    }

    /**
     * A {@code timestamptz}: microseconds since PostgreSQL's epoch, rounded to the nearest as PostgreSQL rounds a text
     * instant; null writes SQL NULL. An instant beyond what a long of microseconds holds is refused (PostgreSQL would
     * refuse it too, and the batch is lost and counted like any the store refuses).
     */
    CopyBinary timestamp(Instant value) {
        if (value == null) {
            return nullValue();
        }
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECOND, 1_000_000L),
                (value.getNano() + 500) / 1000);
        putInt(8);
        putLong(micros);
        return this;
    }

    /** A {@code boolean}. */
    CopyBinary bool(boolean value) {
        putInt(1);
        ensure(1);
        bytes[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** The whole copy with its trailer, ready to send. */
    InputStream finish() {
        putShort(-1);
        return new ByteArrayInputStream(bytes, 0, length);
    }

    private CopyBinary nullValue() {
        putInt(-1);
        return this;
    }

    private void putShort(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void putLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void put(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
