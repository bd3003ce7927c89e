package com.calroute.ewssim.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * The server side of NTLM over HTTP (MS-NLMP): reads NEGOTIATE and AUTHENTICATE messages, builds the CHALLENGE,
 * and verifies an NTLMv2 response against the account's password. NTLMv1 and LM responses are refused, as a
 * hardened Exchange (LmCompatibilityLevel 5) refuses them.
 */
public final class Ntlm {
    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    static final int NEGOTIATE_UNICODE = 0x00000001;
    static final int REQUEST_TARGET = 0x00000004;
    static final int NEGOTIATE_NTLM = 0x00000200;
    static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    static final int TARGET_TYPE_DOMAIN = 0x00010000;
    static final int NEGOTIATE_EXTENDED_SESSION_SECURITY = 0x00080000;
    static final int NEGOTIATE_TARGET_INFO = 0x00800000;
    static final int NEGOTIATE_VERSION = 0x02000000;
    static final int NEGOTIATE_128 = 0x20000000;
    static final int NEGOTIATE_56 = 0x80000000;

    private Ntlm() {
    }

    /** The fields of an AUTHENTICATE (type 3) message that verification needs. */
    public record Authenticate(String user, String domain, String workstation, byte[] ntResponse) {
    }

    /** Returns the message type (1, 2 or 3), or -1 when the token is not NTLMSSP. */
    public static int messageType(byte[] token) {
        if (token.length < 12 || !Arrays.equals(Arrays.copyOf(token, 8), SIGNATURE)) {
            return -1;
        }
        return ByteBuffer.wrap(token, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** Builds a CHALLENGE (type 2) with target name and target info, which makes clients answer with NTLMv2. */
    public static byte[] challenge(byte[] serverChallenge, String netbiosDomain, String dnsDomain, String netbiosServer,
            String dnsServer, Instant now) {
        byte[] targetName = netbiosDomain.getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer info = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        avPair(info, 2, netbiosDomain);
        avPair(info, 1, netbiosServer);
        avPair(info, 4, dnsDomain);
        avPair(info, 3, dnsServer);
        info.putShort((short) 7).putShort((short) 8).putLong(fileTime(now));
        info.putShort((short) 0).putShort((short) 0);
        byte[] targetInfo = Arrays.copyOf(info.array(), info.position());
        int flags = NEGOTIATE_UNICODE | REQUEST_TARGET | NEGOTIATE_NTLM | NEGOTIATE_ALWAYS_SIGN | TARGET_TYPE_DOMAIN
                | NEGOTIATE_EXTENDED_SESSION_SECURITY | NEGOTIATE_TARGET_INFO | NEGOTIATE_VERSION | NEGOTIATE_128
                | NEGOTIATE_56;
        int headerLength = 56;
        ByteBuffer message = ByteBuffer.allocate(headerLength + targetName.length + targetInfo.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        message.put(SIGNATURE).putInt(2);
        message.putShort((short) targetName.length).putShort((short) targetName.length).putInt(headerLength);
        message.putInt(flags);
        message.put(serverChallenge);
        message.putLong(0);
        message.putShort((short) targetInfo.length).putShort((short) targetInfo.length).putInt(headerLength + targetName.length);
        message.put(new byte[] {10, 0, 0x63, 0x45, 0, 0, 0, 15});
        message.put(targetName).put(targetInfo);
        return message.array();
    }

    public static Authenticate parseAuthenticate(byte[] token) {
        if (messageType(token) != 3 || token.length < 64) {
            throw new IllegalArgumentException("not an NTLM AUTHENTICATE message");
        }
        ByteBuffer buffer = ByteBuffer.wrap(token).order(ByteOrder.LITTLE_ENDIAN);
        int flags = buffer.getInt(60);
        boolean unicode = (flags & NEGOTIATE_UNICODE) != 0;
        byte[] nt = field(token, buffer, 20);
        String domain = string(field(token, buffer, 28), unicode);
        String user = string(field(token, buffer, 36), unicode);
        String workstation = string(field(token, buffer, 44), unicode);
        return new Authenticate(user, domain, workstation, nt);
    }

    /** Verifies an NTLMv2 response: HMAC-MD5 keyed with NTOWFv2 over the server challenge and the client blob. */
    public static boolean verifyNtlmV2(Authenticate message, String password, byte[] serverChallenge) {
        byte[] nt = message.ntResponse();
        if (nt.length <= 24 || password == null) {
            return false;
        }
        byte[] ntHash = Md4.digest(password.getBytes(StandardCharsets.UTF_16LE));
        byte[] identity = (message.user().toUpperCase(Locale.ROOT) + message.domain()).getBytes(StandardCharsets.UTF_16LE);
        byte[] ntowfV2 = hmacMd5(ntHash, identity);
        byte[] blob = Arrays.copyOfRange(nt, 16, nt.length);
        byte[] proof = hmacMd5(ntowfV2, concat(serverChallenge, blob));
        return MessageDigest.isEqual(proof, Arrays.copyOf(nt, 16));
    }

    static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] field(byte[] token, ByteBuffer buffer, int offset) {
        int length = Short.toUnsignedInt(buffer.getShort(offset));
        int start = buffer.getInt(offset + 4);
        if (length == 0) {
            return new byte[0];
        }
        if (start < 0 || start + length > token.length) {
            throw new IllegalArgumentException("NTLM field outside the message");
        }
        return Arrays.copyOfRange(token, start, start + length);
    }

    private static String string(byte[] bytes, boolean unicode) {
        return new String(bytes, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    private static void avPair(ByteBuffer buffer, int id, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_16LE);
        buffer.putShort((short) id).putShort((short) bytes.length).put(bytes);
    }

    private static long fileTime(Instant now) {
        return (now.getEpochSecond() + 11_644_473_600L) * 10_000_000L + now.getNano() / 100;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
