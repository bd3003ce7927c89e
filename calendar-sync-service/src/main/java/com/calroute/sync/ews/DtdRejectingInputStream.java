package com.calroute.sync.ews;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes an Exchange response through unchanged, but fails with {@link UnsafeXmlException} as soon as a
 * {@code <!DOCTYPE} or {@code <!ENTITY} declaration appears. EWS responses never carry one, and ews-java-api parses
 * with a default StAX factory that would resolve external entities and expand internal ones (XXE, "billion laughs");
 * stopping the bytes before the parser sees them protects every parser the library uses.
 */
final class DtdRejectingInputStream extends FilterInputStream {

    private static final byte[][] FORBIDDEN = {
            "<!DOCTYPE".getBytes(StandardCharsets.US_ASCII),
            "<!ENTITY".getBytes(StandardCharsets.US_ASCII)};
    private static final int KEEP = 16;

    private final byte[] tail = new byte[KEEP];
    private int tailLength;

    DtdRejectingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            inspect(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    private void inspect(byte[] buffer, int offset, int length) throws UnsafeXmlException {
        // Look at the previous tail plus the new bytes so a declaration split across reads is still seen.
        byte[] window = new byte[tailLength + length];
        System.arraycopy(tail, 0, window, 0, tailLength);
        System.arraycopy(buffer, offset, window, tailLength, length);
        for (byte[] forbidden : FORBIDDEN) {
            if (contains(window, forbidden)) {
                throw new UnsafeXmlException();
            }
        }
        int keep = Math.min(KEEP, window.length);
        System.arraycopy(window, window.length - keep, tail, 0, keep);
        tailLength = keep;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                byte b = haystack[i + j];
                byte expected = needle[j];
                if (b != expected && !(expected >= 'A' && expected <= 'Z' && b == expected + 32)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
