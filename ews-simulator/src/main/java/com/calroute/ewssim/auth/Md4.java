package com.calroute.ewssim.auth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** MD4 (RFC 1320), which the JDK does not provide and NTLM needs for the NT hash of a password. */
public final class Md4 {
    private Md4() {
    }

    public static byte[] digest(byte[] message) {
        int padding = (int) ((56 - (message.length + 1) % 64 + 64) % 64);
        ByteBuffer buffer = ByteBuffer.allocate(message.length + 1 + padding + 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(message).put((byte) 0x80).put(new byte[padding]).putLong((long) message.length * 8);
        buffer.flip();
        int a = 0x67452301;
        int b = 0xefcdab89;
        int c = 0x98badcfe;
        int d = 0x10325476;
        int[] x = new int[16];
        while (buffer.hasRemaining()) {
            for (int i = 0; i < 16; i++) {
                x[i] = buffer.getInt();
            }
            int aa = a;
            int bb = b;
            int cc = c;
            int dd = d;
            int[] s1 = {3, 7, 11, 19};
            for (int i = 0; i < 16; i++) {
                int f = (b & c) | (~b & d);
                int t = Integer.rotateLeft(a + f + x[i], s1[i % 4]);
                a = d; d = c; c = b; b = t;
            }
            int[] s2 = {3, 5, 9, 13};
            for (int i = 0; i < 16; i++) {
                int k = (i % 4) * 4 + i / 4;
                int g = (b & c) | (b & d) | (c & d);
                int t = Integer.rotateLeft(a + g + x[k] + 0x5a827999, s2[i % 4]);
                a = d; d = c; c = b; b = t;
            }
            int[] s3 = {3, 9, 11, 15};
            int[] order = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
            for (int i = 0; i < 16; i++) {
                int h = b ^ c ^ d;
                int t = Integer.rotateLeft(a + h + x[order[i]] + 0x6ed9eba1, s3[i % 4]);
                a = d; d = c; c = b; b = t;
            }
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(a).putInt(b).putInt(c).putInt(d).array();
    }
}
